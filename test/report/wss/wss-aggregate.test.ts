// Snapshot aggregation of `damo adjust` / `report wss --work_time` (spec/records.md §5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Snapshot } from '../../../src/model/record.ts';
import { adjustRecords, aggregateSnapshotsByTime } from '../../../src/report/wss-aggregate.ts';
import { intervals, record, region, snapshot } from './build-records.ts';

const shape = (s: Snapshot) => s.regions.map((r) => `[${r.start},${r.end}):${r.nrAccesses?.samples}`).join(' ');

test('later snapshots add their largest overlapping samples; uncovered parts become regions', () => {
  const us = 1000; // snapshots of 100 us, windows of 250 us
  const snaps = [
    snapshot(0, 100 * us, [[0, 10, 5]]),
    snapshot(100 * us, 200 * us, [
      [0, 5, 2],
      [5, 10, 4],
    ]),
    snapshot(200 * us, 300 * us, [
      [5, 20, 3],
      [30, 40, 1],
    ]),
    snapshot(300 * us, 400 * us, [[0, 10, 100]]),
  ];
  const out = aggregateSnapshotsByTime(snaps, 250n, null);
  // The 4th snapshot starts a window that never reaches 250 us: dropped.
  assert.equal(out.length, 1);
  assert.equal(shape(out[0]), '[0,10):12 [10,20):3 [30,40):1');
  assert.equal(out[0].startTime, 0n);
  assert.equal(out[0].endTime, 300000n);
  assert.equal(out[0].totalBytes, 30n);
  // Inputs are not changed.
  assert.equal(snaps[0].regions[0].nrAccesses?.samples, 5);
});

test('pieces keep arrival order and a size-scaled share of sz_filter_passed', () => {
  const wide = { ...region([0, 30, 5]), szFilterPassed: 30n };
  const out = aggregateSnapshotsByTime([snapshot(0, 10, [[10, 20, 1]]), snapshot(10, 20, [wide])], 0n, null);
  assert.equal(out.length, 2, 'a window of 0 us closes after every snapshot');
  const merged = aggregateSnapshotsByTime([snapshot(0, 1000, [[10, 20, 1]]), snapshot(1000, 2000, [wide])], 2n, null);
  assert.equal(shape(merged[0]), '[10,20):6 [0,10):5 [20,30):5');
  assert.deepEqual(
    merged[0].regions.map((r) => r.szFilterPassed),
    [null, 10n, 10n],
  );
});

test('a window of 1 us leaves every snapshot as it is', () => {
  const snaps = [snapshot(0, 5000, [[0, 4096, 3]]), snapshot(5000, 10000, [[0, 4096, 7]])];
  const out = aggregateSnapshotsByTime(snaps, 1n, null);
  assert.deepEqual(out.map(shape), ['[0,4096):3', '[0,4096):7']);
});

test('adjustRecords skips, sets the new aggregation interval and re-derives access rates', () => {
  const rec = record(
    Array.from({ length: 4 }, (_, i) => snapshot(i * 100e6, (i + 1) * 100e6, [[0, 4096, 10]])),
    { intervals: intervals(5000, 100000), targetId: 7n },
  );
  const [out] = adjustRecords([rec], 200000n, 1);
  assert.equal(out.intervals?.aggrUs, 200000n);
  assert.equal(out.snapshots.length, 1);
  assert.equal(out.snapshots[0].startTime, 100000000n);
  assert.equal(out.snapshots[0].endTime, 300000000n);
  // 20 samples of at most 200000/5000 = 40: 50 %
  assert.deepEqual(out.snapshots[0].regions[0].nrAccesses, { samples: 20, percent: 50 });
  assert.equal(rec.intervals?.aggrUs, 100000n);
  assert.equal(rec.snapshots[1].regions[0].nrAccesses?.samples, 10);
});

test('more skipped snapshots than there are gives an empty record, not a crash', () => {
  const rec = record([snapshot(0, 10, [[0, 1, 1]])]);
  assert.deepEqual(adjustRecords([rec], 1000n, 20)[0].snapshots, []);
});

test('samples come from the access rate when only that is known', () => {
  const r = { ...region([0, 4096, 0]), nrAccesses: { samples: null, percent: 50 } };
  const rec = record([snapshot(0, 100e6, [r])], { intervals: intervals(5000, 100000) });
  const [out] = adjustRecords([rec], 1n, 0);
  assert.equal(out.snapshots[0].regions[0].nrAccesses?.samples, 10);
  assert.throws(() => adjustRecords([{ ...rec, intervals: null }], 1n, 0), /access count/);
});
