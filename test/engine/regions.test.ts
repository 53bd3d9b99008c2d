// Unit checks of the regions adjustment against the kernel rules in spec/damon-core.md §3.5, §4, §5.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/engine/prng.ts';
import {
  EngineRegion,
  initialRegions,
  mergeAllTargets,
  mergeRegionsOf,
  regionSzLimit,
  setRegions,
  splitRegionsOf,
  threeRegions,
  weightedAvg,
} from '../../src/engine/regions.ts';

function region(start: number, end: number, nr: number, last: number, age: number): EngineRegion {
  const r = new EngineRegion(start, end);
  r.nrAccesses = nr;
  r.lastNrAccesses = last;
  r.nrAccessesBp = nr * 10000;
  r.age = age;
  return r;
}

test('merge: similar adjacent regions merge with size-weighted floors; left keeps last_nr_accesses', () => {
  const t = { regions: [region(0, 4096, 4, 9, 3), region(4096, 3 * 4096, 5, 5, 10)] };
  mergeRegionsOf(t, 1, 1 << 20);
  assert.equal(t.regions.length, 1);
  const r = t.regions[0];
  assert.deepEqual([r.start, r.end], [0, 3 * 4096]);
  // ages first updated: left |4-9|>1 -> 0; right 5==5 -> 11; then avg floor((0*1+11*2)/3) = 7
  assert.equal(r.age, 7);
  assert.equal(r.nrAccesses, Math.floor((4 + 5 * 2) / 3));
  assert.equal(r.nrAccessesBp, r.nrAccesses * 10000);
  assert.equal(r.lastNrAccesses, 9);
});

test('merge: gaps, big differences and the size limit keep regions apart', () => {
  const t = {
    regions: [region(0, 4096, 1, 1, 0), region(8192, 12288, 1, 1, 0), region(12288, 16384, 9, 9, 0), region(16384, 20480, 9, 9, 0)],
  };
  mergeRegionsOf(t, 2, 4096);
  assert.equal(t.regions.length, 4);
  mergeRegionsOf(t, 2, 8192);
  assert.equal(t.regions.length, 3);
});

test('age: reset on a change beyond the threshold or between zero and non-zero, else +1', () => {
  const t = { regions: [region(0, 4096, 5, 1, 7), region(8192, 12288, 1, 0, 7), region(16384, 20480, 0, 0, 7), region(24576, 28672, 3, 2, 7)] };
  mergeRegionsOf(t, 2, 4096);
  assert.deepEqual(
    t.regions.map((r) => r.age),
    [0, 0, 8, 8],
  );
});

test('merge loop doubles the threshold while there are too many regions', () => {
  const regions = Array.from({ length: 8 }, (_, i) => region(i * 4096, (i + 1) * 4096, i % 2 ? 0 : 6, 0, 0));
  const t = { regions };
  mergeAllTargets([t], 0, 1 << 30, 2, 20);
  assert.ok(t.regions.length <= 2);
});

test('split: pieces stay aligned, ordered and cover the original; counters are copied', () => {
  const rng = new Prng(3);
  const r = region(0, 100 * 4096, 0, 7, 5);
  const t = { regions: [r] };
  splitRegionsOf(t, 3, 4096, rng);
  assert.ok(t.regions.length >= 2 && t.regions.length <= 3);
  let cur = 0;
  for (const p of t.regions) {
    assert.equal(p.start, cur);
    assert.equal(p.start % 4096, 0);
    assert.equal(p.lastNrAccesses, 7);
    assert.equal(p.age, 5);
    cur = p.end;
  }
  assert.equal(cur, 100 * 4096);
  const small = { regions: [region(0, 8192, 0, 0, 0)] };
  splitRegionsOf(small, 2, 4096, rng);
  assert.equal(small.regions.length, 1, 'regions of <= 2 pages are not split');
});

test('size limit and weighted averages', () => {
  assert.equal(regionSzLimit([{ regions: [region(0, 40960, 0, 0, 0)] }], 10, 4096), 4096);
  assert.equal(regionSzLimit([{ regions: [region(0, 4096, 0, 0, 0)] }], 10, 4096), 4096);
  assert.equal(weightedAvg(3, 2 ** 50, 4, 2 ** 50 * 3), 3);
});

test('three regions: cut at the two biggest gaps, aligned up', () => {
  const vmas = [
    { start: 0x1000, end: 0x3000 },
    { start: 0x4000, end: 0x5000 },
    { start: 0x100000, end: 0x101000 },
    { start: 0x101000, end: 0x102000 },
    { start: 0x200000, end: 0x201800 },
  ];
  assert.deepEqual(threeRegions(vmas, 4096), [
    { start: 0x1000, end: 0x5000 },
    { start: 0x100000, end: 0x102000 },
    { start: 0x200000, end: 0x202000 },
  ]);
  assert.equal(threeRegions([{ start: 0, end: 4096 }, { start: 8192, end: 12288 }], 4096), null);
});

test('initial regions: even pieces, last one stretched to the range end', () => {
  const rs = initialRegions([{ start: 0, end: 10 * 4096 + 100 }], 3, 4096);
  assert.equal(rs.length, 3);
  assert.equal(rs[0].start, 0);
  assert.equal(rs[2].end, 10 * 4096 + 100);
  for (let i = 1; i < rs.length; i++) assert.equal(rs[i].start, rs[i - 1].end);
});

test('set_regions: drops regions outside, stretches the edge ones, fills holes, keeps counters', () => {
  const keep = region(0x2000, 0x3000, 4, 4, 9);
  const t = { regions: [region(0x0, 0x1000, 1, 1, 1), keep, region(0x5000, 0x6000, 2, 2, 2)] };
  setRegions(t, [{ start: 0x1800, end: 0x7000 }, { start: 0x9000, end: 0xa000 }], 4096);
  assert.deepEqual(
    t.regions.map((r) => [r.start, r.end]),
    [
      [0x1000, 0x3000],
      [0x3000, 0x5000],
      [0x5000, 0x7000],
      [0x9000, 0xa000],
    ],
  );
  assert.equal(t.regions[0], keep);
  assert.equal(keep.age, 9);
  assert.equal(t.regions[1].age, 0);
});
