// Engine output -> record model: aggregation snapshots, per-target collection, the
// damos_before_apply-style trace, tried-regions records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAttrs } from '../../src/engine/config.ts';
import { RecordCollector, TriedRegionsTrace, aggregationSnapshot, attrsToIntervals, triedRegionsToRecords } from '../../src/engine/engine-records.ts';
import type { AggregationEvent } from '../../src/engine/engine.ts';

const ev: AggregationEvent = {
  startUs: 100,
  endUs: 200,
  sampleUs: 5,
  aggrUs: 100,
  targets: [[{ start: 4096, end: 8192, nrAccesses: 3, age: 7 }, { start: 8192, end: 16384, nrAccesses: 0, age: 1 }], []],
};

test('an aggregation snapshot: times from the epoch, regions in samples and aggregations, total bytes', () => {
  const s = aggregationSnapshot(ev, 0, 1_000_000n);
  assert.equal(s.startTime, 1_100_000n);
  assert.equal(s.endTime, 1_200_000n);
  assert.equal(s.totalBytes, 12288n);
  assert.equal(s.sampleIntervalUs, 5n);
  assert.equal(s.damosStats, null);
  assert.deepEqual(s.regions[0], {
    start: 4096n,
    end: 8192n,
    nrAccesses: { samples: 3, percent: null },
    age: { usec: null, aggrIntervals: 7n },
    probeHits: [],
    szFilterPassed: null,
  });
});

test('the collector keeps a record per target and skips targets without regions', () => {
  const c = new RecordCollector(attrsToIntervals(defaultAttrs()), 2);
  c.add(ev);
  c.add({ ...ev, startUs: 200, endUs: 300 });
  assert.deepEqual(
    c.records.map((r) => [r.targetId, r.snapshots.length, r.kdamondIdx, r.dataSource]),
    [
      [0n, 2, null, 'unknown'],
      [1n, 0, null, 'unknown'],
    ],
  );
  assert.equal(c.nonEmpty().length, 1);
});

test('the trace chains snapshot times per target and has no sampling interval', () => {
  const t = new TriedRegionsTrace(defaultAttrs(), 2, 10n);
  const tried = (targetIdx: number) => ({ targetIdx, start: 0, end: 4096, nrAccesses: 1, age: 2, szFilterPassed: 4096 });
  t.add([{ regions: [tried(1)] }], 50);
  t.add([{ regions: [tried(1), tried(1)] }], 80);
  const [rec] = t.nonEmpty();
  assert.equal(rec.targetId, 1n);
  assert.deepEqual(
    rec.snapshots.map((s) => [s.startTime, s.endTime, s.totalBytes, s.sampleIntervalUs, s.regions[0].szFilterPassed]),
    [
      [10n, 50_010n, 4096n, null, null],
      [50_010n, 80_010n, 8192n, null, null],
    ],
  );
});

test('tried regions: one record per scheme with its stats and filter-passed bytes', () => {
  const attrs = defaultAttrs();
  const st = { nrTried: 1n, szTried: 4096n, nrApplied: 0n, szApplied: 0n, szOpsFilterPassed: 0n, qtExceeds: 0n };
  const [rec] = triedRegionsToRecords(
    [{ schemeIdx: 0, regions: [{ targetIdx: 0, start: 0, end: 4096, nrAccesses: 1, age: 2, szFilterPassed: 512 }], totalBytes: 4096 }],
    [st],
    attrs,
    1_000_000_000n,
  );
  assert.deepEqual([rec.kdamondIdx, rec.contextIdx, rec.schemeIdx, rec.targetId], [0, 0, 0, null]);
  const s = rec.snapshots[0];
  assert.equal(s.startTime, 1_000_000_000n - BigInt(attrs.aggrUs) * 1000n);
  assert.equal(s.regions[0].szFilterPassed, 512n);
  assert.deepEqual(s.damosStats, { ...st, nrSnapshots: 0n, maxNrSnapshots: 0n });
});
