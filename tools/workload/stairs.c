/*
 * stairs: a tiny workload of ours for real-kernel DAMON tests. It maps SIZE MiB,
 * splits it into STEPS equal parts and keeps one part hot at a time (writing one
 * byte per page, over and over) for STEP_MS milliseconds, then moves to the next:
 * an access pattern that looks like stairs on a heatmap. LOOPS rounds over all
 * steps (0 = until killed). Built with `gcc -static` so it runs in a bare initramfs.
 *
 * usage: stairs [SIZE_MIB [STEPS [STEP_MS [LOOPS]]]]   (defaults: 64 4 1000 0)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static long parse_arg(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "stairs: %s must be a non-negative integer, not '%s'\n", what, s);
		exit(2);
	}
	return v;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char *argv[])
{
	long size_mib = argc > 1 ? parse_arg(argv[1], "SIZE_MIB") : 64;
	long steps = argc > 2 ? parse_arg(argv[2], "STEPS") : 4;
	long step_ms = argc > 3 ? parse_arg(argv[3], "STEP_MS") : 1000;
	long loops = argc > 4 ? parse_arg(argv[4], "LOOPS") : 0;
	long page = sysconf(_SC_PAGESIZE);
	size_t size, step_sz;
	volatile char *buf;

	if (argc > 5 || size_mib < 1 || steps < 1 || step_ms < 1) {
		fprintf(stderr, "usage: stairs [SIZE_MIB>0 [STEPS>0 [STEP_MS>0 [LOOPS]]]]\n");
		return 2;
	}
	size = (size_t)size_mib << 20;
	step_sz = size / steps;
	buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		perror("stairs: mmap");
		return 1;
	}
	/* Populate everything once so that cold steps are mapped, just not accessed. */
	memset((void *)buf, 1, size);
	printf("stairs: pid %d, %ld MiB at %p, %ld steps of %ld ms\n", (int)getpid(), size_mib,
	       (void *)buf, steps, step_ms);
	fflush(stdout);
	for (long loop = 0; loops == 0 || loop < loops; loop++) {
		for (long s = 0; s < steps; s++) {
			volatile char *base = buf + s * step_sz;
			double until = now_ms() + step_ms;

			while (now_ms() < until)
				for (size_t off = 0; off < step_sz; off += page)
					base[off]++;
		}
	}
	return 0;
}
