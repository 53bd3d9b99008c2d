// `damo record sim:...` features beyond a plain full recording (spec/records.md §4):
// DAMOS schemes, --snapshot, --schemes_target_regions, side files, --real_time, replay.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { parseMemFootprints } from '../../src/report/footprints.ts';
import { runDamo } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-record-sim-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function ok(argv: string[]): Promise<void> {
  const r = await runDamo(['record', ...argv]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
}

test('--snapshot 1s 3: three one-snapshot records of the installed stat scheme, with its stats', async () => {
  const out = join(dir, 'snap.data');
  await ok(['sim:stairs', '--snapshot', '1s', '3', '-o', out, '--do_record', 'access']);
  const recs = await readRecordFile(out);
  assert.equal(recs.length, 3, 'one record per scheme per capture');
  // The stat scheme applies every sampling interval (5 ms), so a capture completes one sample
  // after it is asked: at 5 ms, then 1 s later at 1.005 s and 2.005 s.
  assert.deepEqual(recs.map((r) => Number(r.snapshots[0].endTime) / 1e6), [5, 1005, 2005]);
  for (const r of recs) {
    assert.deepEqual([r.kdamondIdx, r.contextIdx, r.schemeIdx, r.targetId], [0, 0, 0, null]);
    assert.equal(r.snapshots.length, 1);
    const s = r.snapshots[0];
    assert.equal(Number(s.startTime), Number(s.endTime) - 100e6, 'start = end - aggregation interval');
    let sum = 0n;
    for (const g of s.regions) sum += g.end - g.start;
    assert.equal(sum, BigInt(s.totalBytes), 'total_bytes is the tried bytes: every monitored byte');
    // The scheme is installed fresh for each capture and tried every region once.
    const st = s.damosStats!;
    assert.ok(st.nrTried > 0n && st.nrTried <= 1000n, `nr_tried ${st.nrTried}`);
    assert.equal(st.szTried, sum);
    assert.equal(st.nrApplied, 0n, 'stat changes no memory, so nothing counts as applied');
  }
});

test('--snapshot_damos_filter lands in scheme_filters; snapshot regions honour the addr filter', async () => {
  const out = join(dir, 'filtered.json');
  await ok(['sim:stairs', '--snapshot', '0', '2', '--snapshot_damos_filter', 'reject', 'addr', '0', String(0x600000000000), '-o', out, '--output_type', 'json', '--do_record', 'access']);
  const recs = await readRecordFile(out);
  assert.equal(recs.length, 2);
  assert.equal(recs[0].schemeFilters.length, 1);
  const f = recs[0].schemeFilters[0];
  assert.deepEqual([f.filterType, f.matching, f.allow, f.addressRange], ['addr', true, false, { start: 0n, end: 0x600000000000n }]);
  // The workload's binary and heap sit at 0x5555...: rejected, so nothing below the filter end is tried.
  for (const r of recs) for (const g of r.snapshots[0].regions) assert.ok(g.start >= 0x600000000000n, g.start.toString(16));
});

test('DAMOS schemes run in the engine: --schemes_target_regions snapshots carry their stats', async () => {
  const out = join(dir, 'pageout.data');
  await ok([
    'sim:stairs', '--damos_action', 'pageout', '--damos_access_rate', '0%', '0%', '--damos_age', '1s', 'max',
    '--snapshot', '2s', '3', '--schemes_target_regions', '-o', out, '--do_record', 'access',
  ]);
  const recs = await readRecordFile(out);
  assert.deepEqual(recs.map((r) => r.schemeIdx), [0, 0, 0], 'only the user scheme: nothing installed');
  const stats = recs.map((r) => r.snapshots[0].damosStats!);
  // stairs sweeps one area after another, so after a second idle areas exist: pageout applies
  // to them, and the scheme's stats (never reset: the scheme runs all along) only grow.
  assert.equal(stats[0].nrApplied, 0n, 'at 100 ms nothing is a second old yet');
  assert.ok(stats[2].nrApplied > 0n && stats[2].szApplied > 0n, `applied ${stats[2].nrApplied}`);
  for (let i = 1; i < 3; i++) assert.ok(stats[i].nrTried >= stats[i - 1].nrTried);
  // Tried regions are the ones the pattern selects: no accesses, at least 10 aggregations old.
  for (const r of recs)
    for (const g of r.snapshots[0].regions) {
      assert.equal(g.nrAccesses!.samples, 0);
      assert.ok(Number(g.age!.aggrIntervals) >= 10);
    }
});

test('--schemes_target_regions without --snapshot: a per-target trace of tried regions', async () => {
  const out = join(dir, 'trace.data');
  await ok(['sim:stairs', '--timeout', '3', '--damos_action', 'stat', '--schemes_target_regions', '-o', out, '--do_record', 'access']);
  const recs = await readRecordFile(out);
  assert.equal(recs.length, 1);
  assert.deepEqual([recs[0].targetId, recs[0].schemeIdx], [0n, null]);
  // A stat scheme for everything applies each aggregation: 3 s / 100 ms passes.
  assert.ok(recs[0].snapshots.length >= 29 && recs[0].snapshots.length <= 30, `${recs[0].snapshots.length}`);
});

test('side files: .kdamonds, .mem_footprint, .vmas, .proc_stats in upstream layouts, sampled each second', async () => {
  const out = join(dir, 'side.data');
  await ok(['sim:stairs', '--timeout', '3', '-o', out, '--damos_action', 'stat', '--output_permission', '640']);
  for (const ext of ['', '.kdamonds', '.mem_footprint', '.vmas', '.proc_stats'])
    assert.equal(statSync(out + ext).mode & 0o777, 0o640, `permission of ${ext}`);
  const kd = JSON.parse(readFileSync(`${out}.kdamonds`, 'utf8'));
  assert.ok(Array.isArray(kd) && kd.length === 1, 'a bare list of kdamonds');
  assert.equal(kd[0].state, null, 'damo built it from arguments');
  assert.equal(kd[0].contexts[0].ops, 'vaddr');
  assert.equal(kd[0].contexts[0].intervals.sample_us, '5 ms', 'non-raw values');
  assert.equal(kd[0].contexts[0].schemes[0].action, 'stat');
  const pid = kd[0].contexts[0].targets[0].pid;
  assert.equal(typeof pid, 'number');

  // Upstream samples, then checks the timeout: at 0, 1, 2 and 3 s.
  const fp = parseMemFootprints(readFileSync(`${out}.mem_footprint`, 'utf8'), 'x');
  assert.deepEqual(fp.map((s) => s.time), [0, 1, 2, 3]);
  const raw = JSON.parse(readFileSync(`${out}.mem_footprint`, 'utf8'));
  assert.equal(raw[0].footprints[0].pid, pid);
  assert.deepEqual(Object.keys(raw[0].footprints[0].footprint), ['size', 'resident', 'shared', 'trs', 'lrs', 'drs', 'dt']);
  assert.deepEqual(Object.keys(raw[0].footprints[1].footprint), ['total', 'free', 'available', 'buffers', 'cached']);
  // stairs allocates ten 10 MiB areas and touches them in turn: resident memory grows.
  assert.ok(raw[3].footprints[0].footprint.resident > raw[0].footprints[0].footprint.resident);
  assert.ok(raw[0].footprints[0].footprint.size * 4096 >= 10 * 10_000_000, 'vsz covers the ten 10 MB areas');

  const vmas = JSON.parse(readFileSync(`${out}.vmas`, 'utf8'));
  assert.equal(vmas.length, 4);
  const names = vmas[0].procvmas[0].vmas.map((v: { name: string }) => v.name);
  assert.ok(names.includes('[heap]') && names.includes('[stack]') && names.includes('0'), names.join(' '));
  const ps = JSON.parse(readFileSync(`${out}.proc_stats`, 'utf8'));
  assert.equal(ps[0].proc_stats[0].fields, null, 'the engine kdamond has no pid');
  assert.equal(ps[0].proc_stats[1].fields.length, 52);
  assert.equal(ps[0].proc_stats[1].fields[0], String(pid));

  const r = await runDamo(['report', 'footprints', 'rss', '-i', `${out}.mem_footprint`]);
  assert.equal(r.code, 0, r.err);
});

test('--do_record access alone writes no mem/vmas/proc side files, but the .kdamonds', async () => {
  const out = join(dir, 'only.data');
  await ok(['sim:stairs', '--timeout', '1', '-o', out, '--do_record', 'access']);
  assert.ok(existsSync(out) && existsSync(`${out}.kdamonds`));
  for (const ext of ['.mem_footprint', '.vmas', '.proc_stats']) assert.equal(existsSync(out + ext), false, ext);
});

test('--real_time runs at wall-clock speed on a wall-clock time axis', async () => {
  const out = join(dir, 'rt.data');
  const t0 = Date.now();
  await ok(['sim:stairs', '--timeout', '0.3', '--real_time', '-o', out, '--do_record', 'access']);
  const took = Date.now() - t0;
  assert.ok(took >= 290, `took ${took} ms`);
  const recs = await readRecordFile(out);
  assert.equal(recs[0].snapshots.length, 3, '300 ms / 100 ms aggregations');
  const endMs = Number(recs[0].snapshots.at(-1)!.endTime) / 1e6;
  assert.ok(endMs >= t0 && endMs <= Date.now() + 1, 'snapshot times are Unix-epoch ns');
});

test('sim:record:<path> re-monitors a recording with other intervals', async () => {
  const orig = join(dir, 'orig.data');
  await ok(['sim:stairs', '--timeout', '4', '-o', orig, '--do_record', 'access']);
  const again = join(dir, 'again.data');
  await ok([`sim:record:${orig}`, '-s', '10ms', '-a', '200ms', '-o', again, '--do_record', 'access']);
  const [o] = await readRecordFile(orig);
  const [a] = await readRecordFile(again);
  assert.equal(Number(a.intervals!.aggrUs), 200000);
  // The replayed process lives as long as the recording: 4 s, so about 20 aggregations of 200 ms.
  assert.ok(a.snapshots.length >= 19 && a.snapshots.length <= 20, `${a.snapshots.length}`);
  // Monitoring sees only what was recorded: every new region lies inside the recorded ranges.
  const spans = o.snapshots[0].regions;
  const lo = spans[0].start;
  const hi = spans.at(-1)!.end;
  for (const s of a.snapshots) for (const g of s.regions) assert.ok(g.start >= lo && g.end <= hi);
  // stairs' hot area shows up again: some region is accessed in most samples.
  assert.ok(a.snapshots.slice(2).every((s) => s.regions.some((g) => g.nrAccesses!.samples! >= 5)));
});

test('--real_time: SIGINT ends the recording, saves what it has, and exits with the signal number', async () => {
  const { spawn } = await import('node:child_process');
  const out = join(dir, 'sigint.data');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'record-sim-child.ts'), out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  // Wait for the recording to start (its first aggregation is 100 ms in), then interrupt.
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 2, err);
  assert.match(err, /signal 2 received/);
  const recs = await readRecordFile(out);
  const n = recs[0].snapshots.length;
  assert.ok(n >= 1 && n < 600, `a partial recording of stairs' 60 s (${n} snapshots)`);
  assert.ok(existsSync(`${out}.mem_footprint`));
});
