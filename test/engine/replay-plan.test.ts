// replay's plan (packing touched ranges into one pool, slices per region) and the child's
// memory toucher, without a child process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayMemory, replaySnapshot } from '../../src/engine/replay-child.ts';
import { replayPlan } from '../../src/engine/replay-plan.ts';
import type { DamonRecord, Region } from '../../src/model/record.ts';

const MiB = 1 << 20;

function reg(start: number, end: number, samples: number | null, percent: number | null = null): Region {
  return { start: BigInt(start), end: BigInt(end), nrAccesses: { samples, percent }, age: null, probeHits: [], szFilterPassed: null };
}

function rec(snaps: Region[][], withIntervals = true): DamonRecord {
  return {
    kdamondIdx: 0,
    contextIdx: 0,
    intervals: withIntervals
      ? { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n } }
      : null,
    schemeIdx: null,
    targetId: 0n,
    schemeFilters: [],
    dataSource: 'unknown',
    snapshots: snaps.map((regions, i) => ({
      startTime: BigInt(i) * 100_000_000n,
      endTime: BigInt(i + 1) * 100_000_000n,
      regions,
      totalBytes: 0n,
      damosStats: null,
      sampleIntervalUs: null,
    })),
  };
}

test('the pool holds only touched ranges, page aligned and merged, at packed offsets', () => {
  const base = 0x7f0000000000;
  const plan = replayPlan(
    rec([
      [reg(base, base + MiB, 4), reg(base + MiB, base + 3 * MiB, 0), reg(base + 3 * MiB, base + 3 * MiB + 100, 20)],
      [reg(base + MiB / 2, base + 2 * MiB, 1, null), reg(0x1000, 0x3000, null, 50)],
    ]),
  );
  // [0x1000,0x3000) 8 KiB; [base, base+2MiB) merged; one page at base+3MiB.
  assert.equal(plan.poolBytes, 8192 + 2 * MiB + 4096);
  assert.equal(plan.nrSnapshots, 2);
  const snaps = [...plan.snapshots()];
  assert.equal(snaps[0].maxNr, 20);
  assert.ok(Math.abs(snaps[0].runtimeS - 0.1) < 1e-12);
  assert.deepEqual(snaps[0].regions, [
    [8192, MiB, 4],
    [8192 + 2 * MiB, 4096, 20],
  ]);
  // 50 % of 20 samples is 10 slices.
  assert.deepEqual(snaps[1].regions, [
    [8192 + MiB / 2, 1.5 * MiB, 1],
    [0, 8192, 10],
  ]);
});

test('a record without intervals cannot be paced', () => {
  assert.throws(() => replayPlan(rec([[reg(0, 4096, 1)]], false)), /no monitoring intervals/);
});

test('each region is touched in as many slices as it was seen accessed', () => {
  const mem = new ReplayMemory(3 * 4096);
  const touched: number[][] = [];
  const orig = mem.touch.bind(mem);
  mem.touch = (off: number, len: number) => {
    touched.push([off, len]);
    orig(off, len);
  };
  replaySnapshot(mem, { runtimeS: 0, maxNr: 4, regions: [[0, 4096, 1], [4096, 8192, 3]] });
  assert.deepEqual(touched, [
    [0, 4096],
    [4096, 8192],
    [4096, 8192],
    [4096, 8192],
  ]);
});
