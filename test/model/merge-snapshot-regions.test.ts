// mergeSnapshotRegions: the one join of look-alike neighbours, for kernel and engine snapshots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeSnapshotRegions } from '../../src/model/merge-snapshot-regions.ts';
import type { Region } from '../../src/model/record.ts';

test('merging joins only touching regions of equal access count and age without filter-passed bytes', () => {
  const reg = (s: bigint, e: bigint, n: number, a: bigint, passed: bigint): Region => ({
    start: s,
    end: e,
    nrAccesses: { samples: n, percent: null },
    age: { usec: null, aggrIntervals: a },
    probeHits: [],
    szFilterPassed: passed,
  });
  const out = mergeSnapshotRegions([
    reg(0n, 10n, 1, 5n, 0n),
    reg(10n, 20n, 1, 5n, 0n),
    reg(30n, 40n, 1, 5n, 0n),
    reg(40n, 50n, 1, 6n, 0n),
    reg(50n, 60n, 1, 6n, 4n),
  ]);
  assert.deepEqual(
    out.map((r) => [r.start, r.end]),
    [
      [0n, 20n],
      [30n, 40n],
      [40n, 50n],
      [50n, 60n],
    ],
  );
});

test('percent and age in usec must agree too; unknown filter-passed bytes count as none', () => {
  const reg = (s: bigint, e: bigint, percent: number | null, usec: bigint | null): Region => ({
    start: s,
    end: e,
    nrAccesses: { samples: 2, percent },
    age: { usec, aggrIntervals: 3n },
    probeHits: [],
    szFilterPassed: null,
  });
  const out = mergeSnapshotRegions([reg(0n, 10n, null, null), reg(10n, 20n, null, null), reg(20n, 30n, 5, null), reg(30n, 40n, 5, 100n), reg(40n, 50n, 5, 100n)]);
  assert.deepEqual(
    out.map((r) => [r.start, r.end]),
    [
      [0n, 20n],
      [20n, 30n],
      [30n, 50n],
    ],
  );
});
