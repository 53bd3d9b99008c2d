// Guides (spec/reports.md §7.2) of records built in code: gaps every snapshot agrees
// on, the age-extended start time, ordering, and the text forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contiguousRegions } from '../../../src/report/heatmap/guide.ts';
import { computeGuides, guideReport } from '../../../src/report/heatmap/heatmap-report.ts';
import { intervals, record, region, snapshot } from './make-record.ts';

test('gaps are narrowed to what every later snapshot also leaves out', async () => {
  const rec = record(
    [
      // gaps [100,200] and [300,500]
      snapshot(0, 10, [region(0, 100, 1), region(200, 300, 1), region(500, 600, 1)]),
      // gaps [150,180] and [300,400]: each narrows the old gap it overlaps
      snapshot(10, 20, [region(0, 150, 1), region(180, 300, 1), region(400, 600, 1)]),
      // no gap at all: old gaps are kept (upstream's rule)
      snapshot(20, 30, [region(0, 600, 1)]),
    ],
    { targetId: 7n },
  );
  const [g] = computeGuides([rec]);
  assert.deepEqual(contiguousRegions(g), [
    [0n, 150n],
    [180n, 300n],
    [400n, 600n],
  ]);
  assert.equal(
    await guideReport([rec], true),
    'target_id: 7\ntime: [0, 30) (30)\nregion\t 0: [0, 150) (150)\nregion\t 1: [180, 300) (120)\nregion\t 2: [400, 600) (200)\n',
  );
});

test('start time goes back by the oldest age of the first snapshot; ids that are set are printed', async () => {
  const rec = record([snapshot(10e9, 11e9, [region(4 * 2 ** 30, 8 * 2 ** 30, 0, 5), region(8 * 2 ** 30, 12 * 2 ** 30, 3, 20)])], {
    intervals: intervals(5000, 100000),
    kdamondIdx: 0,
    contextIdx: 0,
    schemeIdx: 1,
  });
  // 20 aggregations of 100 ms: 2 s before 10 s.
  assert.equal(
    await guideReport([rec], false),
    [
      'kdamond_idx: 0',
      'context_idx: 0',
      'scheme_idx: 1',
      'time: [8 s, 11 s) (3 s)',
      'region\t 0: [4.000000 GiB, 12.000000 GiB) (8.000 GiB)',
      '',
    ].join('\n'),
  );
});

test('guides come in order of monitored space, largest first; one per id tuple', () => {
  const small = record([snapshot(0, 10, [region(0, 100, 1)])], { targetId: 1n });
  const big = record([snapshot(0, 10, [region(0, 1000, 1)])], { targetId: 2n });
  const small2 = record([snapshot(10, 20, [region(100, 150, 1)])], { targetId: 1n });
  const guides = computeGuides([small, big, small2]);
  assert.deepEqual(
    guides.map((g) => [g.targetId, g.startTime, g.endTime, g.lowestAddr, g.highestAddr]),
    [
      [2n, 0n, 10n, 0n, 1000n],
      [1n, 0n, 20n, 0n, 150n],
    ],
  );
});

test('a region starting at address 0 counts for the lowest address', () => {
  // Upstream tests the lowest address for truthiness, so 0 is replaced by the next start.
  const rec = record([snapshot(0, 10, [region(0, 100, 1), region(100, 200, 1)])]);
  assert.equal(computeGuides([rec])[0].lowestAddr, 0n);
});
