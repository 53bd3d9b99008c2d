// Monitoring intervals auto-tuning (spec/damon-core.md §7): the sampling interval moves
// toward the access-events goal within [min, max], keeping the aggr/sample ratio.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAttrs } from '../../src/engine/config.ts';
import { DamonEngine } from '../../src/engine/engine.ts';
import { tunedAttrs } from '../../src/engine/intervals-tuning.ts';
import { EngineRegion } from '../../src/engine/regions.ts';
import { recordSimulation } from '../../src/engine/sim-recording.ts';
import { builtinWorkload } from '../../src/engine/sim/builtin-workloads.ts';
import { MasimWorkload } from '../../src/engine/sim/masim-workload.ts';

function goalAttrs(accessBp: number) {
  const a = defaultAttrs();
  a.intervalsGoal = { accessBp, aggrs: 3, minSampleUs: 1000, maxSampleUs: 100_000 };
  return a;
}

test('one tuning step: score 0 doubles; far above the goal halves; on the goal nothing changes', () => {
  const r = new EngineRegion(0, 4096 * 10);
  const t = [{ regions: [r] }];
  r.nrAccesses = 0;
  assert.equal(tunedAttrs(goalAttrs(400), 20, t)!.sampleUs, 10000);
  assert.equal(tunedAttrs(goalAttrs(400), 20, t)!.aggrUs, 200000);
  r.nrAccesses = 20; // 100% of samples against a 4% goal
  assert.equal(tunedAttrs(goalAttrs(400), 20, t)!.sampleUs, 2500);
  r.nrAccesses = 1; // 5% of samples: 10000 * 500 / 400 = 12500 bp score -> x(0.5 + 7500/20000)
  assert.equal(tunedAttrs(goalAttrs(500), 20, t), null);
  assert.equal(tunedAttrs(goalAttrs(400), 20, t)!.sampleUs, Math.floor((5000 * 8750) / 10000));
});

test('a mostly idle workload drives the sampling interval up to the max, keeping the ratio', () => {
  const tunes: number[] = [];
  const w = new MasimWorkload(builtinWorkload('hotcold')!, {});
  const engine = new DamonEngine({ ops: 'vaddr', attrs: goalAttrs(9000), targets: [{}], schemes: [] }, w, {
    onIntervalsTune: (s) => tunes.push(s),
  });
  engine.runUntil(30e6);
  assert.ok(tunes.length > 0);
  for (const s of tunes) assert.ok(s >= 1000 && s <= 100_000);
  assert.equal(engine.attrs.sampleUs, 100_000);
  assert.equal(engine.attrs.aggrUs / engine.attrs.sampleUs, 20);
});

test('records carry the tuned sampling interval of each snapshot', () => {
  const rec = recordSimulation(builtinWorkload('stairs')!, { attrs: goalAttrs(9000), timeoutUs: 20e6 });
  const snaps = rec.records[0].snapshots;
  const si = snaps.map((s) => Number(s.sampleIntervalUs));
  assert.equal(si[0], 5000);
  assert.ok(si[si.length - 1] > 5000);
  for (let i = 1; i < snaps.length; i++) {
    const len = (Number(snaps[i].endTime) - Number(snaps[i].startTime)) / 1000;
    assert.ok(len >= 20 * si[i - 1] - 1 && len <= 20 * Math.max(si[i], si[i - 1]) * 1.01, `window ${i}: ${len} us`);
  }
});
