// Accuracy of the engine on the built-in `stairs` workload: DAMON's working-set estimate
// against the simulator's truth, and the heatmap's steps in the order the phases ran.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordSimulation } from '../../src/engine/sim-recording.ts';
import { builtinWorkload } from '../../src/engine/sim/builtin-workloads.ts';

const run = recordSimulation(builtinWorkload('stairs')!, { seed: 11, sim: { keepHistory: true } });
const snapshots = run.records[0].snapshots;

test('stairs: a simulated minute of monitoring, one snapshot per 100 ms aggregation', () => {
  assert.equal(run.records.length, 1);
  assert.ok(run.engine.stopped);
  const secs = Number(snapshots[snapshots.length - 1].endTime) / 1e9;
  assert.ok(secs > 59 && secs < 61.5, `${secs} s`);
  assert.ok(Math.abs(snapshots.length - secs * 10) <= 1);
});

test('stairs: working set within 25% of the truth in at least 90% of the snapshots', () => {
  let good = 0;
  for (const s of snapshots) {
    let wss = 0;
    for (const r of s.regions) if ((r.nrAccesses?.samples ?? 0) > 0) wss += Number(r.end - r.start);
    const truth = run.workload.touchedBytes(Number(s.startTime) / 1000, Number(s.endTime) / 1000);
    if (Math.abs(wss - truth) <= 0.25 * truth) good++;
  }
  assert.ok(good >= 0.9 * snapshots.length, `${good} of ${snapshots.length}`);
});

test('stairs: the hot address moves step by step through s0..s9, in order', () => {
  const areas = run.workload.layout.regions;
  // Only the workload's own areas: the program text and stack are hot all along.
  const lo = Math.min(...areas.map((a) => a.mapStart));
  const hi = Math.max(...areas.map((a) => a.mapEnd));
  for (let i = 0; i < 10; i++) {
    // The middle three seconds of step i's five.
    const from = (10 + 5 * i + 1) * 1e9;
    const to = (10 + 5 * i + 4) * 1e9;
    let weight = 0;
    let weighted = 0;
    for (const s of snapshots) {
      if (Number(s.startTime) < from || Number(s.endTime) > to) continue;
      for (const r of s.regions) {
        if (Number(r.start) < lo || Number(r.end) > hi) continue;
        const w = Number(r.end - r.start) * (r.nrAccesses?.samples ?? 0);
        weight += w;
        weighted += w * ((Number(r.start) + Number(r.end)) / 2);
      }
    }
    const center = weighted / weight;
    const area = areas[i];
    assert.ok(
      center >= area.mapStart && center < area.mapEnd,
      `step ${i}: hot center 0x${Math.round(center).toString(16)} not in s${i} [0x${area.mapStart.toString(16)}, 0x${area.mapEnd.toString(16)})`,
    );
  }
});

test('same seed, same record; another seed, another record', () => {
  const cfg = builtinWorkload('stairs')!;
  const a = recordSimulation(cfg, { seed: 5, timeoutUs: 3e6 }).records;
  const b = recordSimulation(cfg, { seed: 5, timeoutUs: 3e6 }).records;
  const c = recordSimulation(cfg, { seed: 6, timeoutUs: 3e6 }).records;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});
