// `damo record` through kernel DAMON, on the kernel emulator (stand-in /sys) with a tracefs
// emulator under it and a stand-in /proc: full recording from tracepoints, --snapshot
// captures, SIGINT, and what record leaves behind. Never the machine's DAMON or tracefs.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { recordCommand } from '../../src/cli/commands/record.ts';
import type { CommandContext } from '../../src/cli/option-table.ts';
import { parseCommandLine } from '../../src/cli/parse-args.ts';
import { recordKernel, setTracefsForTests } from '../../src/cli/record-kernel.ts';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { KDAMONDS_DIR, RootedFs } from '../../src/kernel/fs.ts';
import { FakeKernelFs, type FakeKernel, type TriedRegion, TriedRegionsKernelFs, cliEnvFor, makeFakeKernel } from '../kernel/fake-kernel.ts';
import { FakeTracefs } from '../kernel/tracefs-fake.ts';

/** [start, end, nr_accesses, age] tried regions the emulator shows: 1 MiB hot, 3 MiB cold. */
const TRIED: TriedRegion[] = [
  [1n << 20n, 2n << 20n, 18, 2],
  [2n << 20n, 5n << 20n, 0, 30],
];


/** Every emulator the commands made, for their write logs. */
const made: TriedRegionsKernelFs[] = [];
setFsWrapperForTests((fs) => {
  if (!(fs instanceof RootedFs) || fs instanceof FakeKernelFs) return fs;
  const f = new TriedRegionsKernelFs(fs.root, TRIED);
  made.push(f);
  return f;
});
after(() => {
  setFsWrapperForTests(null);
  setTracefsForTests(null);
});

interface World {
  k: FakeKernel;
  tracefs: FakeTracefs;
  env: NodeJS.ProcessEnv;
  dir: string;
  stop(): void;
}

/** The emulators, a stand-in /proc for this process, and a kdamond that traces 2 regions every 100 ms while on. */
function world(): World {
  const k = makeFakeKernel();
  const tracefs = FakeTracefs.create(join(k.root, 'kernel/tracing'));
  setTracefsForTests(() => tracefs);
  const proc = join(k.root, 'proc');
  mkdirSync(join(proc, PID), { recursive: true });
  writeFileSync(join(proc, PID, 'statm'), '730 439 412 5 0 89 0\n');
  writeFileSync(join(proc, PID, 'maps'), '55d0a0000000-55d0a0002000 r-xp 00000000 08:01 123 /usr/bin/stairs\n7f0000000000-7f0004000000 rw-p 00000000 00:00 0\n');
  writeFileSync(join(proc, PID, 'stat'), `${PID} (stairs) S 1 777 777 0 -1\n`);
  writeFileSync(join(proc, 'meminfo'), 'MemTotal:       24684084 kB\nMemFree:        21189908 kB\nMemAvailable:   22757864 kB\nBuffers:           21492 kB\nCached:          1693344 kB\n');
  let t = 100;
  const timer = setInterval(() => {
    if (!k.fs.isFile(`${KDAMONDS_DIR}/0/state`) || k.fs.read(`${KDAMONDS_DIR}/0/state`).trim() !== 'on') return;
    t += 0.1;
    const lo = 0x7f0000000000;
    tracefs.emit('damon_aggregated', [`target_id=0 nr_regions=2 ${lo}-${lo + 4096 * 16}: 7 1`, `target_id=0 nr_regions=2 ${lo + 4096 * 16}-${lo + 4096 * 64}: 0 9`], t);
  }, 100);
  const dir = mkdtempSync(join(tmpdir(), 'damo-record-kernel-'));
  return { k, tracefs, env: { ...cliEnvFor(k), DAMO_PROC_ROOT: proc }, dir, stop: () => clearInterval(timer) };
}

async function record(w: World, argv: string[]): Promise<{ code: number; err: string }> {
  const { args } = parseCommandLine({ name: 'damo', summary: '', subcommands: [recordCommand] }, ['record', ...argv]);
  let err = '';
  const ctx: CommandContext = { out: () => undefined, err: (t: string) => void (err += t), env: w.env, stdoutIsTTY: false };
  const code = await recordKernel(args, ctx, (args.target as string | null) ?? null);
  return { code, err };
}

/** 'off' when no kdamond runs (record stages the earlier, empty tree again). */
const kdamondState = (w: World) => (w.k.fs.isFile(`${KDAMONDS_DIR}/0/state`) ? w.k.fs.read(`${KDAMONDS_DIR}/0/state`).trim() : 'off');
/** A live process for the vaddr target: this test's own. */
const PID = String(process.pid);

test('record <pid> traces every aggregation through our own tracefs instance, then turns DAMON off and saves all outputs', async () => {
  const w = world();
  const out = join(w.dir, 'damon.data');
  writeFileSync(out, 'an earlier recording');
  try {
    const r = await record(w, [PID, '-o', out, '--output_type', 'json', '--timeout', '1.2']);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(`${out}.old`, 'utf8'), 'an earlier recording');
    assert.equal(kdamondState(w), 'off');
    assert.equal(w.tracefs.made.length, 1);
    assert.deepEqual(w.tracefs.removed, w.tracefs.made, 'the instance is removed');
    const recs = await readRecordFile(out);
    assert.equal(recs.length, 1);
    assert.equal(recs[0].targetId, 0n);
    assert.equal(String(recs[0].intervals?.aggrUs), '100000');
    assert.ok(recs[0].snapshots.length >= 5, `${recs[0].snapshots.length} snapshots`);
    for (const s of recs[0].snapshots) assert.deepEqual(s.regions.map((x) => x.nrAccesses?.samples), [7, 0]);
    const kd = JSON.parse(readFileSync(`${out}.kdamonds`, 'utf8'));
    assert.equal(kd.length, 1);
    assert.equal(kd[0].contexts[0].ops, 'vaddr');
    assert.equal(kd[0].contexts[0].targets[0].pid, process.pid);
    const fp = JSON.parse(readFileSync(`${out}.mem_footprint`, 'utf8'));
    assert.ok(fp.length >= 1);
    assert.deepEqual(fp[0].footprints[0], { pid: process.pid, footprint: { size: 730, resident: 439, shared: 412, trs: 5, lrs: 0, drs: 89, dt: 0 } });
    assert.equal(fp[0].footprints[1].footprint.total, 24684084);
    const vmas = JSON.parse(readFileSync(`${out}.vmas`, 'utf8'));
    assert.deepEqual(vmas[0].procvmas[0].vmas[1], { start: 0x7f0000000000, end: 0x7f0004000000, name: '0' });
    const ps = JSON.parse(readFileSync(`${out}.proc_stats`, 'utf8'));
    assert.deepEqual(ps[0].proc_stats[1].fields.slice(0, 3), [PID, '(stairs)', 'S']);
    assert.equal(ps[0].proc_stats[0].fields, null, 'the emulated kdamond pid has no /proc entry');
    assert.ok(!existsSync(`${out}.profile`), 'no perf here: no cpu profile');
  } finally {
    w.stop();
  }
});

test('record --snapshot takes count captures of the tried regions, and no tracing', async () => {
  const w = world();
  const out = join(w.dir, 'snap.data');
  made.length = 0;
  try {
    const r = await record(w, ['paddr', '-o', out, '--snapshot', '0.1', '3', '--do_record', 'access']);
    assert.equal(r.code, 0, r.err);
    assert.equal(kdamondState(w), 'off');
    assert.deepEqual(w.tracefs.made, []);
    const writes = made.flatMap((f) => f.writes.splice(0));
    assert.ok(writes.some((l) => /schemes\/nr_schemes <- '1'/.test(l)), 'a stat scheme was installed for the captures');
    assert.equal(writes.at(-1), "W kdamonds/nr_kdamonds <- '0'", 'the earlier (empty) tree is staged again');
    const recs = await readRecordFile(out);
    assert.equal(recs.length, 3);
    for (const rec of recs) {
      assert.equal(rec.snapshots.length, 1);
      assert.deepEqual(rec.snapshots[0].regions.map((x) => [x.start, x.end]), TRIED.map(([s, e]) => [BigInt(s), BigInt(e)]));
    }
    assert.ok(!existsSync(`${out}.mem_footprint`));
  } finally {
    w.stop();
  }
});

test('SIGINT ends a recording with the outputs saved and the signal number as status', async () => {
  const w = world();
  const out = join(w.dir, 'int.data');
  try {
    const pending = record(w, [PID, '-o', out, '--do_record', 'access']);
    setTimeout(() => process.emit('SIGINT', 'SIGINT'), 700);
    const r = await pending;
    assert.equal(r.code, 2);
    assert.match(r.err, /signal 2 received/);
    assert.equal(kdamondState(w), 'off');
    assert.ok((await readRecordFile(out))[0].snapshots.length >= 2);
    assert.deepEqual(w.tracefs.removed, w.tracefs.made);
  } finally {
    w.stop();
  }
});

test('bad requests are one clear error before anything starts', async () => {
  const w = world();
  try {
    for (const [argv, re] of [
      [[PID, '--output_type', 'perf_data'], /perf_data is the file perf records/],
      [[PID, '--damon_tracer', 'trace-cmd'], /trace-cmd is not supported/],
      [[PID, '--do_record', 'cpu_profile'], /cpu_profile needs perf/],
      [[PID, '--output_permission', '800'], /wrong --output permission/],
      [[PID, '--snapshot', '1', 'x'], /--snapshot: the count/],
      [[], /nothing to record/],
      [['ongoing'], /DAMON is not turned on/],
    ] as [string[], RegExp][]) {
      await assert.rejects(record(w, ['-o', join(w.dir, 'x.data'), ...argv]), re, argv.join(' '));
    }
    assert.ok(!existsSync(join(w.k.root, 'kernel/mm/damon/admin/kdamonds/0')), 'no kdamond was made');
    assert.deepEqual(w.tracefs.made, []);
  } finally {
    w.stop();
  }
});
