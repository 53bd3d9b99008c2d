// sim:record:<path>: a record replayed as the ground truth of a simulated world, and the
// engine re-monitoring it with other parameters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { defaultAttrs } from '../../src/engine/config.ts';
import { runSimRecording } from '../../src/engine/sim-recording.ts';
import { RecordReplay, replayTargetsOf } from '../../src/engine/sim/record-replay.ts';
import type { DamonRecord, Region, Snapshot } from '../../src/model/record.ts';

const A = { start: 0x100000, end: 0x200000 };
const B = { start: 0x200000, end: 0x300000 };

function region(r: { start: number; end: number }, samples: number | null, percent: number | null = null): Region {
  return {
    start: BigInt(r.start),
    end: BigInt(r.end),
    nrAccesses: { samples, percent },
    age: { usec: null, aggrIntervals: 0n },
    probeHits: [],
    szFilterPassed: null,
  };
}

function snap(startMs: number, endMs: number, regions: Region[]): Snapshot {
  return { startTime: BigInt(startMs) * 1000000n, endTime: BigInt(endMs) * 1000000n, regions, totalBytes: 0n, damosStats: null, sampleIntervalUs: null };
}

function rec(snapshots: Snapshot[], schemeIdx: number | null = null): DamonRecord {
  return {
    kdamondIdx: null,
    contextIdx: null,
    intervals: { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n } },
    schemeIdx,
    targetId: 0n,
    schemeFilters: [],
    snapshots,
    dataSource: 'unknown',
  };
}

test('the snapshot whose window holds now rules; samples/max is the access probability', () => {
  // 5 ms / 100 ms: 20 samples per aggregation, so 20 samples means every check hits, 0 none.
  const r = new RecordReplay([rec([snap(1000, 1100, [region(A, 20), region(B, 0)]), snap(1100, 1200, [region(A, 0), region(B, 20)])])]);
  assert.equal(r.durationUs, 200000, 'the replay axis starts at the first window start');
  r.advanceTo(50000);
  assert.deepEqual(r.vmas(0), [{ start: A.start, end: B.end }], 'adjacent recorded regions are one mapping');
  for (let i = 0; i < 50; i++) {
    assert.equal(r.accessed(0, A.start + i * 4096), true);
    assert.equal(r.accessed(0, B.start + i * 4096), false);
  }
  assert.equal(r.accessed(0, A.start - 1), false, 'outside every recorded region: never accessed');
  r.advanceTo(150000);
  assert.equal(r.accessed(0, A.start), false);
  assert.equal(r.accessed(0, B.start), true);
  assert.equal(r.targetValid(0), true);
  r.advanceTo(200001);
  assert.equal(r.targetValid(0), false, 'the process ends where the recording ends');
  assert.equal(r.vmas(0), null);
});

test('partial access counts are probabilities: 5/20 samples hit about a quarter of the checks', () => {
  const r = new RecordReplay([rec([snap(0, 100, [region(A, 5), region(B, null, 50)])])], { seed: 3 });
  r.advanceTo(10);
  let a = 0;
  let b = 0;
  const n = 8000;
  for (let i = 0; i < n; i++) {
    if (r.accessed(0, A.start)) a++;
    if (r.accessed(0, B.start)) b++;
  }
  // Binomial(8000, p): standard deviation below 0.006 of n; allow five of them.
  assert.ok(Math.abs(a / n - 0.25) < 0.03, `A ${a / n}`);
  assert.ok(Math.abs(b / n - 0.5) < 0.03, `B (percent only) ${b / n}`);
});

test('snapshot-mode records are replayed only when a file has no full-recording record', () => {
  const full = rec([snap(0, 100, [region(A, 1)])]);
  const tried = rec([snap(0, 100, [region(B, 1)])], 0);
  assert.deepEqual(replayTargetsOf([tried, full]), [full]);
  assert.deepEqual(replayTargetsOf([tried]), [tried]);
  assert.throws(() => new RecordReplay([rec([])]), UserError);
});

test('re-monitoring a replay with other intervals finds the recorded hot and cold halves', async () => {
  // 3 s of A always accessed and B never; monitored again at 10 ms / 200 ms (20 samples).
  const snaps: Snapshot[] = [];
  for (let i = 0; i < 30; i++) snaps.push(snap(i * 100, (i + 1) * 100, [region(A, 20), region(B, 0)]));
  const world = new RecordReplay([rec(snaps)], { seed: 5 });
  const attrs = { ...defaultAttrs(), sampleUs: 10000, aggrUs: 200000 };
  const res = await runSimRecording(world, { config: { ops: 'fvaddr', attrs, targets: [{ regions: [{ start: A.start, end: B.end }] }], schemes: [] }, seed: 5 });
  const out = res.records[0];
  assert.equal(Number(out.intervals!.aggrUs), 200000, 'the new record carries the new intervals');
  assert.ok(out.snapshots.length >= 14 && out.snapshots.length <= 15, `3 s / 200 ms aggregations: ${out.snapshots.length}`);
  const last = out.snapshots.at(-1)!;
  for (const r of last.regions) {
    const inA = r.end <= BigInt(A.end);
    const inB = r.start >= BigInt(B.start);
    if (inA) assert.equal(r.nrAccesses!.samples, 20, 'every sample of A hits');
    if (inB) assert.equal(r.nrAccesses!.samples, 0, 'no sample of B hits');
  }
  assert.ok(last.regions.some((r) => r.end <= BigInt(A.end)) && last.regions.some((r) => r.start >= BigInt(B.start)));
});
