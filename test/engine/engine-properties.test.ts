// Property checks of the engine on random (seeded) parameters and workloads: regions tile
// the monitored ranges without overlap, nr_regions stays in bounds, nr_accesses never
// exceeds the samples of a window, and ages follow the kernel's rules (spec §3, §4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EngineAttrs, defaultAttrs } from '../../src/engine/config.ts';
import { type AggregationEvent, DamonEngine } from '../../src/engine/engine.ts';
import { Prng } from '../../src/engine/prng.ts';
import type { MasimConfig } from '../../src/engine/sim/masim-config.ts';
import { MasimWorkload } from '../../src/engine/sim/masim-workload.ts';
import { threeRegions } from '../../src/engine/regions.ts';

function randomWorkload(rng: Prng): MasimConfig {
  const nr = 1 + rng.below(5);
  const regions = Array.from({ length: nr }, (_, i) => ({
    name: `r${i}`,
    size: 4096 * (1 + rng.below(20000)) + rng.below(4096),
    initFile: null,
  }));
  const phases = Array.from({ length: 1 + rng.below(4) }, (_, p) => ({
    name: `phase ${p}`,
    durationMs: 200 + rng.below(2000),
    patterns: Array.from({ length: 1 + rng.below(3) }, () => ({
      region: regions[rng.below(nr)].name,
      random: rng.below(2) === 1,
      stride: [64, 4096, 8192, 1 << 20][rng.below(4)],
      probability: rng.below(10),
      rwMode: 'wo' as const,
    })),
  }));
  return { regions, phases };
}

function randomAttrs(rng: Prng): EngineAttrs {
  const sampleUs = 1000 + rng.below(20000);
  const minNrRegions = 3 + rng.below(20);
  const a = defaultAttrs();
  a.sampleUs = sampleUs;
  a.aggrUs = sampleUs * (1 + rng.below(40));
  a.opsUpdateUs = [0, a.aggrUs, 1_000_000][rng.below(3)];
  a.minNrRegions = minNrRegions;
  a.maxNrRegions = minNrRegions + rng.below(300);
  return a;
}

for (let seed = 1; seed <= 12; seed++) {
  test(`random workload and attrs #${seed}: tiling, bounds, counts, ages`, () => {
    const rng = new Prng(seed * 7919);
    const config = randomWorkload(rng);
    const attrs = randomAttrs(rng);
    const nominalUs = config.phases.reduce((n, p) => n + p.durationMs * 1000, 0);
    const repeat = Math.ceil((20 * attrs.aggrUs) / nominalUs);
    const workload = new MasimWorkload(config, { seed, stepUs: 500 + rng.below(10000), repeat });
    const ranges = threeRegions(workload.vmas(0)!, 4096)!;
    const maxNr = Math.floor(attrs.aggrUs / attrs.sampleUs);
    const events: AggregationEvent[] = [];
    const engine = new DamonEngine({ ops: 'vaddr', attrs, targets: [{}], schemes: [] }, workload, {
      seed,
      onAggregation: (e) => events.push(e),
    });
    engine.runToEnd();
    assert.ok(engine.stopped, 'monitoring stops when the process exits');
    assert.ok(events.length > 3, `enough aggregations (${events.length})`);
    events.forEach((ev, k) => {
      const rs = ev.targets[0];
      const where = `aggregation ${k}`;
      // Tiling: sorted, no overlap, each region inside one of the three ranges, and
      // together they cover the ranges exactly.
      let covered = 0;
      for (let i = 0; i < rs.length; i++) {
        const r = rs[i];
        assert.ok(r.start < r.end, where);
        assert.equal(r.start % 4096, 0, where);
        if (i > 0) assert.ok(rs[i - 1].end <= r.start, `${where}: overlap`);
        assert.ok(
          ranges.some((R) => R.start <= r.start && r.end <= R.end),
          `${where}: region outside the monitored ranges`,
        );
        covered += r.end - r.start;
        assert.ok(r.nrAccesses >= 0 && r.nrAccesses <= maxNr, `${where}: nr_accesses ${r.nrAccesses} > ${maxNr}`);
        // At most one age increment per aggregation (no repeated merge passes here).
        assert.ok(r.age <= k + 1, `${where}: age ${r.age}`);
      }
      assert.equal(covered, ranges.reduce((n, R) => n + R.end - R.start, 0), `${where}: coverage`);
      assert.ok(rs.length <= attrs.maxNrRegions, `${where}: ${rs.length} > max ${attrs.maxNrRegions}`);
      // min_nr_regions is kept only indirectly (merges never pass total/min), so the
      // bound holds once the initial, possibly bigger, pieces were split once.
      if (k >= 2) assert.ok(rs.length >= attrs.minNrRegions, `${where}: ${rs.length} < min ${attrs.minNrRegions}`);
    });
  });
}

test('a region accessed in every sample ages while it stays hot; a new idle region starts at age 1', () => {
  const config: MasimConfig = {
    regions: [
      { name: 'hot', size: 64 << 20, initFile: null },
      { name: 'idle', size: 64 << 20, initFile: null },
    ],
    phases: [{ name: 'p', durationMs: 3000, patterns: [{ region: 'hot', random: false, stride: 4096, probability: 1, rwMode: 'wo' }] }],
  };
  const workload = new MasimWorkload(config, { seed: 1, stepUs: 1000 });
  const hot = workload.layout.regions[0];
  const idle = workload.layout.regions[1];
  const events: AggregationEvent[] = [];
  const engine = new DamonEngine({ ops: 'vaddr', attrs: defaultAttrs(), targets: [{}], schemes: [] }, workload, {
    onAggregation: (e) => events.push(e),
  });
  engine.runToEnd();
  const inside = (r: { start: number; end: number }, a: { mapStart: number; mapEnd: number }): boolean =>
    a.mapStart <= r.start && r.end <= a.mapEnd;
  const first = events[0].targets[0];
  for (const r of first) if (inside(r, idle)) assert.equal(r.age, 1);
  for (const r of first) if (inside(r, hot)) assert.equal(r.age, 0);
  const late = events[20].targets[0];
  // The mapping's last page holds only the area's last 16 bytes, which a 4 KiB stride never touches.
  const hotOnes = late.filter((r) => inside(r, { mapStart: hot.mapStart, mapEnd: hot.mapEnd - 4096 }));
  assert.ok(hotOnes.length > 0);
  for (const r of hotOnes) {
    assert.equal(r.nrAccesses, 20);
  }
  assert.ok(Math.max(...hotOnes.map((r) => r.age)) >= 10, 'hot regions keep aging while their rate is stable');
});
