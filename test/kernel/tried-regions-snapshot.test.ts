// Live snapshots (spec/control.md §6.7) on the emulated 6.18 tree: the write protocol,
// the records made of tried regions, the restore, foreign kdamonds left untouched,
// tried_regions_of, DAMON_STAT pseudo-snapshots and dry runs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KernelBackend } from '../../src/backend/kernel-backend.ts';
import { DryRunFs, type Fs, KDAMONDS_DIR } from '../../src/kernel/fs.ts';
import { StartedKdamonds } from '../../src/kernel/started-kdamonds.ts';
import { kdamondsFromOptions } from '../../src/model/damon-params-from-options.ts';
import type { Kdamond } from '../../src/model/damon-params.ts';
import { type FakeKernel, type TriedRegion, TriedRegionsKernelFs, makeFakeKernel, startForeignKdamond, PAGEOUT_SCHEME as PAGEOUT } from './fake-kernel.ts';

const ENV = {
  defaultPaddrRegion: () => ({ start: 4096n, end: 26843545600n }),
  numaNodeRegions: () => [],
};
const golden = (n: string) => readFileSync(new URL(`./golden/${n}`, import.meta.url), 'utf8').trimEnd().split('\n');

/** [start, end, nr_accesses, age] of the tried regions the emulator reports. */
const TRIED: TriedRegion[] = [
  [4096n, 1052672n, 0, 7],
  [1052672n, 2101248n, 0, 7],
  [2101248n, 3149824n, 18, 2],
  [3149824n, 26843545600n, 0, 30],
];



function kernel(): FakeKernel {
  const k = makeFakeKernel();
  const fs = new TriedRegionsKernelFs(k.root, TRIED);
  return { root: k.root, fs, takeWrites: () => fs.writes.splice(0) };
}

function parse(words: string): Kdamond[] {
  const args: Record<string, unknown> = {};
  let cur: string[] | null = null;
  const appended = new Set(['damos_action', 'damos_access_rate', 'damos_age', 'damos_quotas']);
  for (const w of words.split(' ').filter(Boolean)) {
    if (w.startsWith('--')) {
      const dest = w.slice(2);
      cur = [];
      if (appended.has(dest)) ((args[dest] as unknown[]) ??= []).push(cur);
      else args[dest] = cur;
    } else cur!.push(w);
  }
  return kdamondsFromOptions(args, ENV);
}

function backend(k: FakeKernel, fs: Fs = k.fs): { b: KernelBackend; started: StartedKdamonds } {
  const started = new StartedKdamonds(join(mkdtempSync(join(tmpdir(), 'damo-state-')), 'started.json'));
  const b = new KernelBackend({ fs, started, sleep: async () => {}, isAlive: () => true, kernelRelease: '6.18.0' });
  return { b, started };
}

const SCHEMES = `${KDAMONDS_DIR}/0/contexts/0/schemes`;

test('snapshot of our pageout kdamond: upstream\'s writes, tried regions as a record, setup restored', async () => {
  const k = kernel();
  const { b } = backend(k);
  await b.start(parse(PAGEOUT));
  k.takeWrites();
  const records = await b.snapshot();
  assert.deepEqual(k.takeWrites(), golden('snapshot-pageout.writes'));
  assert.equal(k.fs.read(`${SCHEMES}/nr_schemes`).trim(), '1');
  assert.equal(k.fs.read(`${SCHEMES}/0/action`).trim(), 'pageout');
  assert.equal(records.length, 1);
  const r = records[0];
  assert.deepEqual([r.kdamondIdx, r.contextIdx, r.schemeIdx, r.targetId], [0, 0, 1, null]);
  assert.equal(r.intervals?.aggrUs, 100000n);
  const snap = r.snapshots[0];
  // The first two regions are alike and merge.
  assert.deepEqual(
    snap.regions.map((x) => [x.start, x.end, x.nrAccesses?.samples, x.age?.aggrIntervals]),
    [
      [4096n, 2101248n, 0, 7n],
      [2101248n, 3149824n, 18, 2n],
      [3149824n, 26843545600n, 0, 30n],
    ],
  );
  assert.equal(snap.totalBytes, 26843545600n - 4096n);
  assert.equal(typeof snap.endTime, 'number');
  assert.equal(Number(snap.endTime) - Number(snap.startTime), 100000 * 1000);
  assert.ok(Math.abs(Number(snap.endTime) / 1e6 - Date.now()) < 60_000);
  assert.ok(snap.damosStats !== null);
});

test('--dont_merge_regions keeps DAMON\'s regions; no scheme left behind on a scheme-less kdamond', async () => {
  const k = kernel();
  const { b } = backend(k);
  await b.start(parse(''));
  k.takeWrites();
  const [r] = await b.snapshot({ dontMergeRegions: true });
  assert.equal(r.snapshots[0].regions.length, TRIED.length);
  assert.equal(r.schemeIdx, 0);
  const w = k.takeWrites();
  assert.ok(w.includes("W kdamonds/0/contexts/0/schemes/nr_schemes <- '1'"));
  assert.equal(w[w.length - 1], "W kdamonds/0/state <- 'commit'");
  assert.equal(w[w.length - 2], "W kdamonds/0/contexts/0/schemes/nr_schemes <- '0'");
  assert.equal(k.fs.read(`${SCHEMES}/nr_schemes`).trim(), '0');
});

test('an existing all-memory stat scheme is reused; with refresh_ms only the tried regions are asked for', async () => {
  const k = kernel();
  const { b } = backend(k);
  await b.start(parse('--damos_action stat'));
  k.fs.write(`${KDAMONDS_DIR}/0/refresh_ms`, '1000');
  k.takeWrites();
  const [r] = await b.snapshot();
  assert.deepEqual(k.takeWrites(), ["W kdamonds/0/state <- 'update_schemes_tried_regions'"]);
  assert.equal(r.schemeIdx, 0);
  assert.equal(r.snapshots[0].regions.length, 3);
});

test('a foreign kdamond is never written: refused without tried regions, read when they are there', async () => {
  const k = kernel();
  startForeignKdamond(k);
  const { b } = backend(k);
  await assert.rejects(b.snapshot(), /kdamond 0 \(pid \d+\) was not started by this damo .*left alone/);
  await assert.rejects(b.snapshot({ triedRegionsOf: [0, 0, 0] }), /has no scheme 0/);
  assert.deepEqual(k.takeWrites(), []);

  // Its owner adds a stat scheme and refreshes the tried regions.
  k.fs.write(`${SCHEMES}/nr_schemes`, '1');
  k.fs.write(`${SCHEMES}/0/access_pattern/sz/max`, '18446744073709551615');
  k.fs.write(`${SCHEMES}/0/access_pattern/nr_accesses/max`, '4294967295');
  k.fs.write(`${SCHEMES}/0/access_pattern/age/max`, '4294967295');
  k.fs.write(`${KDAMONDS_DIR}/0/state`, 'commit');
  await assert.rejects(b.snapshot({ triedRegionsOf: [0, 0, 0] }), /shows no tried regions/);
  k.fs.write(`${KDAMONDS_DIR}/0/state`, 'update_schemes_tried_regions');
  k.takeWrites();
  const [r] = await b.snapshot();
  assert.equal(r.snapshots[0].regions.length, 3);
  const [r2] = await b.snapshot({ triedRegionsOf: [0, 0, 0], dontMergeRegions: true });
  assert.equal(r2.snapshots[0].regions.length, 4);
  assert.deepEqual(k.takeWrites(), []);
});

test('tried_regions_of on our kdamond refreshes and reads that scheme only', async () => {
  const k = kernel();
  const { b } = backend(k);
  await b.start(parse(PAGEOUT));
  k.takeWrites();
  const [r] = await b.snapshot({ triedRegionsOf: [0, 0, 0] });
  assert.deepEqual(k.takeWrites(), [
    "W kdamonds/0/state <- 'update_schemes_stats'",
    "W kdamonds/0/state <- 'update_tuned_intervals'",
    "W kdamonds/0/state <- 'update_schemes_tried_regions'",
  ]);
  assert.deepEqual([r.kdamondIdx, r.contextIdx, r.schemeIdx], [0, 0, 0]);
  assert.equal(r.snapshots[0].regions.length, 3);
  await assert.rejects(b.snapshot({ triedRegionsOf: [1, 0, 0] }), /there is no kdamond 1/);
  await assert.rejects(b.snapshot({ triedRegionsOf: [0, 1, 0] }), /has no context 1/);
});

test('nothing running: one clear error; a running DAMON_STAT gives 100 pseudo-regions', async () => {
  const k = kernel();
  const { b } = backend(k);
  await assert.rejects(b.snapshot(), /^UserError: no kdamond running/);
  const params = join(k.root, 'module/damon_stat/parameters');
  mkdirSync(params, { recursive: true });
  writeFileSync(join(params, 'enabled'), 'Y\n');
  writeFileSync(join(params, 'aggr_interval_us'), '100000\n');
  // Idle times: the hottest 10 % accessed (negative), the rest rising in steps of 10 ms.
  const pct = Array.from({ length: 101 }, (_, p) => (p < 10 ? -100 : Math.floor(p / 10) * 10));
  writeFileSync(join(params, 'memory_idle_ms_percentiles'), `${pct.join(',')}\n`);
  mkdirSync(join(k.root, 'proc'));
  writeFileSync(join(k.root, 'proc/meminfo'), 'MemTotal:        1000000 kB\nMemFree: 1 kB\n');
  const [r] = await b.snapshot({ dontMergeRegions: true });
  assert.equal(r.dataSource, 'damon_stat');
  assert.deepEqual([r.kdamondIdx, r.contextIdx, r.targetId], [-1, 0, 0n]);
  assert.equal(r.intervals?.sampleUs, 5000);
  const s = r.snapshots[0];
  assert.equal(s.totalBytes, 1024000000n);
  assert.equal(s.regions.length, 100);
  assert.deepEqual([s.regions[0].start, s.regions[0].end, s.regions[99].end], [0n, 10240000n, 1024000000n]);
  assert.equal(s.regions[0].nrAccesses?.samples, 10);
  assert.equal(s.regions[9].age?.usec, -45000n); // mean of -100 and 10 ms, truncated
  assert.equal(s.regions[10].nrAccesses?.samples, 0);
  assert.equal(s.regions[10].age?.usec, 10000n);
  const [merged] = await b.snapshot();
  // 9 hot slices, the -45 ms one, then one per 10 ms step (the 15 ms boundary slices split them).
  assert.ok(merged.snapshots[0].regions.length < 100);
  assert.equal(merged.snapshots[0].regions[0].end, 92160000n);
  assert.deepEqual(k.takeWrites(), []);
});

test('a dry run logs the snapshot writes and changes nothing', async () => {
  const k = kernel();
  const { b: real, started } = backend(k);
  await real.start(parse(PAGEOUT));
  const lines: string[] = [];
  const dry = new KernelBackend({ fs: new DryRunFs(k.fs, (l) => lines.push(l)), started, sleep: async () => {}, isAlive: () => true, kernelRelease: '6.18.0' });
  k.takeWrites();
  const [r] = await dry.snapshot();
  assert.deepEqual(k.takeWrites(), []);
  // A dry run cannot see the new scheme's optional apply_interval_us (its directory is
  // never made), and the restore finds nr_schemes unchanged, so writes no count.
  const want = golden('snapshot-pageout.writes')
    .filter((w) => !w.includes('schemes/1/apply_interval_us') && !w.includes("nr_schemes <- '1'"))
    .map((w) => w.replace(/^W (\S+) <- '(.*)'$/, `write '$2' to '${k.root}/kernel/mm/damon/admin/$1'`));
  assert.deepEqual(lines, want);
  assert.deepEqual(r.snapshots[0].regions, []);
  assert.equal(k.fs.read(`${SCHEMES}/nr_schemes`).trim(), '1');
});
