#!/usr/bin/env bash
# Real-kernel DAMON test harness: boots Debian's 6.12 cloud kernel in QEMU (TCG) with an
# initramfs holding busybox, node, the bundled damo CLI, our stairs workload and the
# scenarios of tools/kernel-vm/scenarios, runs the scenarios in one boot and prints their
# result lines. Recipe: spec/kernel-vm.md. Nothing here touches the host's DAMON.
#
# usage: tools/kernel-vm/run-scenario.sh [--list] [SCENARIO...]   (default: all, in order)
# exit: 0 no scenario failed (some may be NOTBUILT), 1 a scenario failed, 2 bad usage,
#       4 the VM gave no complete result (boot failure, timeout), 5 QEMU, tools or the
#       kernel cannot be had on this machine.
# env: DAMO_VM_CACHE (default ~/.cache/damo-kernel-vm), DAMO_VM_TIMEOUT (s, default 900),
#      DAMO_VM_KERNEL (a vmlinuz to use instead of fetching one), DAMO_VM_MEM (MiB, 1024),
#      DAMO_VM_FAKE_DAMO (a script to run as `damo` in the VM, to check the scenarios).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache="${DAMO_VM_CACHE:-$HOME/.cache/damo-kernel-vm}"
# The default order runs the checks that need no running kdamond first.
all_scenarios=(harness features paddr vaddr-lifecycle command-target stat-scheme second-start foreign-kdamond record)

unavailable() { echo "run-scenario: cannot run the VM: $*" >&2; exit 5; }

if [ "${1:-}" = --list ]; then printf '%s\n' "${all_scenarios[@]}"; exit 0; fi
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=("${all_scenarios[@]}")
for s in "${scenarios[@]}"; do
	if [ "$s" = lib ] || [ ! -f "$here/scenarios/$s.sh" ]; then
		echo "run-scenario: no scenario '$s' (see --list)" >&2
		exit 2
	fi
done

missing=()
for tool in qemu-system-x86_64 cpio gzip gcc timeout; do
	command -v "$tool" >/dev/null || missing+=("$tool")
done
busybox=$(command -v busybox || true)
# busybox runs in a root holding no other libraries: it must be the static build.
linkage=$([ -n "$busybox" ] && ldd "$busybox" 2>&1 || true)
if [ -z "$busybox" ] || [[ "$linkage" != *"not a dynamic"* && "$linkage" != *"statically linked"* ]]; then
	missing+=("busybox (static)")
fi
[ ${#missing[@]} -eq 0 ] || unavailable "missing ${missing[*]} (apt-get install qemu-system-x86 busybox-static cpio gcc)"
node_bin=$(command -v node)

if [ -n "${DAMO_VM_KERNEL:-}" ]; then
	vmlinuz=$DAMO_VM_KERNEL
	[ -r "$vmlinuz" ] || unavailable "DAMO_VM_KERNEL=$vmlinuz is not readable"
else
	vmlinuz=$("$here/fetch-kernel.sh") || unavailable "the 6.12 kernel could not be fetched (see above)"
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The base archive (busybox, node and its libraries) is large and rarely changes:
# it is cached, keyed by the binaries it holds.
# bash is there because damo runs a command target with `/bin/bash -c`, as upstream does.
bash_bin=$(command -v bash)
libs_of() { ldd "$@" | awk '/=>/ { print $3 } /^\t\// { print $1 }' | sort -u; }
key=$(stat -L -c '%n %s %Y' "$busybox" "$node_bin" "$bash_bin" $(libs_of "$node_bin" "$bash_bin") |
	sha256sum | cut -c 1-16)
base="$cache/base-$key.cpio.gz"
if [ ! -s "$base" ]; then
	echo "run-scenario: building the base initramfs (busybox, bash, node)" >&2
	b="$work/base"
	mkdir -p "$b"/{bin,usr/bin,proc,sys,dev,tmp,root,etc,opt/damo}
	cp "$busybox" "$b/bin/busybox"
	ln -s busybox "$b/bin/sh"
	cp "$node_bin" "$b/usr/bin/node"
	cp "$bash_bin" "$b/bin/bash"
	for lib in $(libs_of "$node_bin" "$bash_bin"); do
		mkdir -p "$b$(dirname "$lib")"
		cp -L "$lib" "$b$lib"
	done
	(cd "$b" && find . | cpio -o -H newc --quiet | gzip -1) >"$base.tmp.$$"
	mv "$base.tmp.$$" "$base"
fi

# The per-run archive: the CLI as built now, the workload, the scenarios.
(cd "$repo" && node tools/build.mjs) || { echo "run-scenario: building dist/damo.mjs failed" >&2; exit 1; }
p="$work/run"
mkdir -p "$p"/{bin,scenarios,opt/damo/bin,opt/damo/dist}
gcc -static -O2 -o "$p/bin/stairs" "$repo/tools/workload/stairs.c"
cp "$repo/bin/damo.mjs" "$p/opt/damo/bin/"
cp "$repo/dist/damo.mjs" "$p/opt/damo/dist/"
printf '#!/bin/sh\nexec /usr/bin/node /opt/damo/bin/damo.mjs "$@"\n' >"$p/bin/damo"
# Checking the scenarios themselves: a stand-in damo whose behaviour is known.
if [ -n "${DAMO_VM_FAKE_DAMO:-}" ]; then cp "$DAMO_VM_FAKE_DAMO" "$p/bin/damo"; fi
cp "$here/guest/init" "$p/init"
cp "$here"/scenarios/*.sh "$here"/scenarios/*.mjs "$p/scenarios/"
printf '%s\n' "${scenarios[@]}" >"$p/scenarios/selected"
chmod 755 "$p/init" "$p/bin/damo"
(cd "$p" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/run.cpio.gz"
# Concatenated newc archives unpack in order into the same root.
cat "$base" "$work/run.cpio.gz" >"$work/initrd.gz"

log="$work/console.log"
echo "run-scenario: booting $(basename "$(dirname "$vmlinuz")") with ${#scenarios[@]} scenario(s)" >&2
start=$(date +%s)
set +e
timeout "${DAMO_VM_TIMEOUT:-900}" qemu-system-x86_64 -accel tcg,thread=multi -cpu max,-cx16 \
	-m "${DAMO_VM_MEM:-1024}" -smp 2 -display none -monitor none -serial "file:$log" -no-reboot \
	-kernel "$vmlinuz" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1 pti=on" </dev/null
qemu_rc=$?
set -e
cp "$log" "$cache/last-console.log" 2>/dev/null || true
echo "run-scenario: VM ran $(($(date +%s) - start)) s (qemu exit $qemu_rc); console log: $cache/last-console.log" >&2

# Result lines may share a console line with a kernel message: take from the tag on.
results=$(tr -d '\r' <"$log" | sed -n '/=== DAMO-VM RESULTS BEGIN ===/,/=== DAMO-VM RESULTS END ===/p' |
	grep -o 'DAMO-VM: .*' || true)
echo "=== DAMO-VM RESULTS BEGIN ==="
[ -n "$results" ] && echo "$results"
echo "=== DAMO-VM RESULTS END ==="
if ! grep -q '=== DAMO-VM RESULTS END ===' "$log"; then
	echo "run-scenario: the VM did not finish its scenarios; last console lines:" >&2
	tail -n 30 "$log" >&2
	exit 4
fi
for s in "${scenarios[@]}"; do
	if ! grep -qx "DAMO-VM: $s END" <<<"$results"; then
		echo "run-scenario: scenario $s did not report an end" >&2
		exit 4
	fi
done
if grep -q '^DAMO-VM: [^ ]* FAIL ' <<<"$results"; then exit 1; fi
exit 0
