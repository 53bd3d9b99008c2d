// Engine cost against simulated memory size: per-aggregation time and region checks per
// second for 1 GiB and 1 TiB workloads at the same nr_regions bounds. DAMON's cost is
// meant to follow the number of regions, not the memory size. With few regions the
// fixed per-sample costs (workload steps, clock) dominate and the machine's noise shows.
// Run: node --import tsx bench/engine-scaling.ts [simulated seconds, default 30]
import { defaultAttrs } from '../src/engine/config.ts';
import { DamonEngine } from '../src/engine/engine.ts';
import type { MasimConfig } from '../src/engine/sim/masim-config.ts';
import { MasimWorkload } from '../src/engine/sim/masim-workload.ts';

const seconds = Number(process.argv[2] ?? 30);

function workload(bytes: number): MasimConfig {
  const hot = Math.floor(bytes / 16);
  return {
    regions: [
      { name: 'hot', size: hot, initFile: null },
      { name: 'cold', size: bytes - hot, initFile: null },
    ],
    phases: [
      {
        name: 'mixed',
        durationMs: 3600e3 + seconds * 1000 + 3000,
        patterns: [
          { region: 'hot', random: true, stride: 0, probability: 9, rwMode: 'wo' },
          { region: 'cold', random: false, stride: 4096, probability: 1, rwMode: 'wo' },
        ],
      },
    ],
  };
}

function run(label: string, bytes: number, minNrRegions: number, maxNrRegions: number) {
  const attrs = { ...defaultAttrs(), minNrRegions, maxNrRegions };
  const w = new MasimWorkload(workload(bytes), { seed: 1 });
  let aggregations = 0;
  let regionsSum = 0;
  const engine = new DamonEngine({ ops: 'vaddr', attrs, targets: [{}], schemes: [] }, w, {
    seed: 1,
    onAggregation: (e) => {
      aggregations++;
      regionsSum += e.targets[0].length;
    },
  });
  engine.runUntil(2e6); // warm up: let the regions adapt
  const a0 = aggregations;
  const c0 = engine.regionChecks;
  regionsSum = 0;
  // Measure for at least a second of wall time: with few regions an aggregation takes
  // tens of microseconds, and a short run times the JIT and timer noise instead.
  const t0 = process.hrtime.bigint();
  let simUs = 2e6;
  do {
    simUs += seconds * 1e6;
    engine.runUntil(simUs);
  } while (Number(process.hrtime.bigint() - t0) < 1e9 && simUs < 2e6 + 3600e6);
  const ns = Number(process.hrtime.bigint() - t0);
  const nAggr = aggregations - a0;
  const checks = engine.regionChecks - c0;
  return {
    label,
    minNrRegions,
    maxNrRegions,
    avgRegions: regionsSum / nAggr,
    msPerAggregation: ns / 1e6 / nAggr,
    checksPerSec: checks / (ns / 1e9),
    realSecPerSimMinute: (ns / 1e9) * (60e6 / (simUs - 2e6)),
  };
}

/** Best of three runs: the machine's noise only ever adds time. */
function best(label: string, bytes: number, min: number, max: number) {
  const rs = [0, 1, 2].map(() => run(label, bytes, min, max));
  return rs.reduce((a, b) => (b.msPerAggregation < a.msPerAggregation ? b : a));
}

run('warm-up', 2 ** 30, 10, 1000); // let the JIT settle before measuring
// min_nr_regions sets how many regions the engine keeps (merges stop at total/min).
const bounds: [number, number][] = [
  [10, 1000],
  [400, 1000],
  [4000, 10000],
];
const rows = [];
for (const [min, max] of bounds) {
  rows.push(best('1 GiB', 2 ** 30, min, max));
  rows.push(best('1 TiB', 2 ** 40, min, max));
}
console.log('memory  nr_regions range  avg nr_regions  ms/aggregation  region checks/s  real s per simulated minute');
for (const r of rows)
  console.log(
    `${r.label.padEnd(7)} ${`${r.minNrRegions}..${r.maxNrRegions}`.padStart(17)} ${r.avgRegions.toFixed(1).padStart(15)} ${r.msPerAggregation
      .toFixed(3)
      .padStart(15)} ${Math.round(r.checksPerSec).toLocaleString('en-US').padStart(16)} ${r.realSecPerSimMinute.toFixed(2).padStart(28)}`,
  );
for (const [min, max] of bounds) {
  const [g, t] = rows.filter((r) => r.minNrRegions === min && r.maxNrRegions === max);
  console.log(
    `${min}..${max}: 1 TiB vs 1 GiB (1024x the memory): time per aggregation ${(t.msPerAggregation / g.msPerAggregation).toFixed(2)}x, ` +
      `time per region check ${(g.checksPerSec / t.checksPerSec).toFixed(2)}x`,
  );
}
