// Simulated workloads shipped with the engine, named for `sim:<name>`. Written for this
// project in masim's model (spec/damon-core.md §13.3 describes masim's own samples).
import type { MasimConfig, MasimPattern } from './masim-config.ts';

const seq = (region: string, probability: number): MasimPattern => ({
  region,
  random: false,
  stride: 4096,
  probability,
  rwMode: 'wo',
});
const rnd = (region: string, probability: number): MasimPattern => ({
  region,
  random: true,
  stride: 0,
  probability,
  rwMode: 'wo',
});

/** Ten 10 MB areas; all warm for 10 s, then each alone for 5 s, in order: ten steps. */
function stairs(): MasimConfig {
  const names = Array.from({ length: 10 }, (_, i) => `s${i}`);
  return {
    regions: names.map((name) => ({ name, size: 10_000_000, initFile: null })),
    phases: [
      { name: 'warm-up: every step', durationMs: 10_000, patterns: names.map((n) => seq(n, 1)) },
      ...names.map((n, i) => ({ name: `step ${i}`, durationMs: 5_000, patterns: [seq(n, 50)] })),
    ],
  };
}

/** Two 100 MB areas: both for 10 s, then five rounds of one, then the other, 5 s each. */
function zigzag(): MasimConfig {
  const phases = [{ name: 'both', durationMs: 10_000, patterns: [seq('a', 1), seq('b', 1)] }];
  for (let i = 0; i < 5; i++) {
    phases.push({ name: `a only (${i})`, durationMs: 5_000, patterns: [seq('a', 1)] });
    phases.push({ name: `b only (${i})`, durationMs: 5_000, patterns: [seq('b', 1)] });
  }
  return {
    regions: [
      { name: 'a', size: 100_000_000, initFile: null },
      { name: 'b', size: 100_000_000, initFile: null },
    ],
    phases,
  };
}

/** Random accesses to a small hot, a medium warm and a big rarely touched cold area for 60 s. */
function hotcold(): MasimConfig {
  return {
    regions: [
      { name: 'hot', size: 16 << 20, initFile: null },
      { name: 'warm', size: 128 << 20, initFile: null },
      { name: 'cold', size: 1 << 30, initFile: null },
    ],
    phases: [{ name: 'hot/warm/cold mix', durationMs: 60_000, patterns: [rnd('hot', 80), rnd('warm', 19), rnd('cold', 1)] }],
  };
}

export const BUILTIN_WORKLOADS: Record<string, () => MasimConfig> = { stairs, zigzag, hotcold };

export function builtinWorkload(name: string): MasimConfig | null {
  const f = Object.hasOwn(BUILTIN_WORKLOADS, name) ? BUILTIN_WORKLOADS[name] : undefined;
  return f ? f() : null;
}
