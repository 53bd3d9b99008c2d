// `report record_info` guides (spec/records.md §8, spec/reports.md §7.2); expectations
// worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyDiv } from '../../../src/base/py-num.ts';
import { GuideCollector, GuideHeats, contiguousRegions, hasRegions } from '../../../src/report/heatmap/guide.ts';
import { computeGuides, formatRecordInfo } from '../../../src/report/record-info.ts';
import { intervals, record, region, snapshot } from '../wss/build-records.ts';

const KiB = 1024;
const s = 1_000_000_000;

// Aged regions: the oldest (5 aggregations of 100 ms) moves the start back 500 ms.
// Gaps: [12 KiB, 20 KiB], narrowed by the next snapshot to [12 KiB, 16 KiB], and kept
// although the last snapshot has none.
const aged = record(
  [
    snapshot(1 * s, 1.1 * s, [region([4 * KiB, 8 * KiB, 1], 3), region([8 * KiB, 12 * KiB, 0], 5), region([20 * KiB, 24 * KiB, 2], 0)]),
    snapshot(1.1 * s, 1.2 * s, [
      [4 * KiB, 12 * KiB, 0],
      [16 * KiB, 24 * KiB, 1],
    ]),
    snapshot(1.2 * s, 1.3 * s, [[4 * KiB, 24 * KiB, 0]]),
  ],
  { kdamondIdx: 0, contextIdx: 0, targetId: 1n, intervals: intervals(5000, 100000) },
);

// No intervals, so no age extension; a region at address 0 counts.
const fromZero = record(
  [
    snapshot(0, 5 * s, [
      [0, 4 * KiB, 0],
      [8 * KiB, 2 ** 30 + 8 * KiB, 1],
    ]),
  ],
  { targetId: 2n },
);

test('guides: time span, contiguous ranges, largest address space first', () => {
  assert.equal(
    formatRecordInfo([aged, fromZero], false),
    [
      'target_id: 2',
      'time: [0 ns, 5 s) (5 s)',
      'region\t 0: [0 B, 4.000000 KiB) (4.000 KiB)',
      'region\t 1: [8.000000 KiB, 1.000008 GiB) (1024.000 MiB)',
      'kdamond_idx: 0',
      'context_idx: 0',
      'target_id: 1',
      'time: [500 ms, 1.300 s) (800 ms)',
      'region\t 0: [4.000000 KiB, 12.000000 KiB) (8.000 KiB)',
      'region\t 1: [16.000000 KiB, 24.000000 KiB) (8.000 KiB)',
      '',
    ].join('\n'),
  );
});

test('raw numbers', () => {
  assert.equal(
    formatRecordInfo([aged], true),
    [
      'kdamond_idx: 0',
      'context_idx: 0',
      'target_id: 1',
      'time: [500000000, 1300000000) (800000000)',
      'region\t 0: [4096, 12288) (8192)',
      'region\t 1: [16384, 24576) (8192)',
      '',
    ].join('\n'),
  );
});

test('heat: size times samples of every accessed region touching a range', () => {
  const [g] = computeGuides([aged]);
  assert.ok(hasRegions(g));
  const heats = new GuideHeats(g);
  for (const snap of aged.snapshots) heats.addSnapshot(aged, snap);
  assert.deepEqual(
    heats.regions.map((r) => [r.heats, r.heats === 0n ? 0 : pyDiv(r.heats, r.end - r.start)]),
    [
      [4096n, 0.5],
      [16384n, 2],
    ],
  );
  assert.deepEqual([heats.hottest().start, heats.hottest().end], [16384n, 24576n]);
});

test('records of one target share a guide; usec-only ages and empty records work', () => {
  const later = { ...aged, snapshots: [snapshot(2 * s, 2.1 * s, [[4 * KiB, 8 * KiB, 0]])] };
  const [g] = computeGuides([aged, later]);
  assert.equal(g.endTime, 2100000000n);
  assert.ok(hasRegions(g));
  assert.equal(contiguousRegions(g).length, 2);

  const usecOnly = { ...region([0, 4096, 1]), age: { usec: 2_000_000, aggrIntervals: null } };
  const stat = record([snapshot(3 * s, 3.1 * s, [usecOnly])], { intervals: intervals(5000, 100000) });
  assert.equal(formatRecordInfo([stat], false).split('\n')[0], 'time: [1 s, 3.100 s) (2.100 s)');

  assert.equal(formatRecordInfo([record([], { targetId: 3n })], false), 'target_id: 3\n# no snapshot\n');
  assert.equal(formatRecordInfo([], false), '');
});

test('the first snapshot starts the span even without regions; ids without regions have no ranges', () => {
  const late = record([snapshot(1 * s, 2 * s, []), snapshot(2 * s, 3 * s, [region([4 * KiB, 8 * KiB, 1], 5)])], {
    targetId: 4n,
    intervals: intervals(5000, 100000),
  });
  const blank = record([snapshot(0, 1 * s, [])], { targetId: 5n });
  assert.equal(
    formatRecordInfo([blank, late], true),
    ['target_id: 4', 'time: [1000000000, 3000000000) (2000000000)', 'region\t 0: [4096, 8192) (4096)', 'target_id: 5', 'time: [0, 1000000000) (1000000000)', ''].join('\n'),
  );
  // heatmaps draw only from guides that have address ranges
  const c = new GuideCollector();
  for (const r of [blank, late]) for (const snap of r.snapshots) c.addSnapshot(r, snap);
  assert.deepEqual(c.guides().map((g) => g.targetId), [4n]);
});
