// Monitoring intervals auto-tuning toward an access-events goal (spec/damon-core.md §7).
import type { EngineAttrs } from './config.ts';
import { nextInput } from './feedback.ts';
import type { EngineTargetState } from './regions.ts';

/** The tuned attrs for the just-finished window, or null when nothing changes. */
export function tunedAttrs(attrs: EngineAttrs, aggrSamples: number, targets: EngineTargetState[]): EngineAttrs | null {
  const g = attrs.intervalsGoal;
  let maxEvents = 0n;
  let events = 0n;
  for (const t of targets)
    for (const r of t.regions) {
      const sz = BigInt(r.size);
      maxEvents += sz * BigInt(aggrSamples);
      events += sz * BigInt(r.nrAccesses);
    }
  let targetEvents = (maxEvents * BigInt(g.accessBp)) / 10000n;
  if (targetEvents === 0n) targetEvents = 1n;
  const scoreBp = (events * 10000n) / targetEvents;
  let adaptationBp = Number(nextInput(100000000n, scoreBp) / 10000n);
  if (adaptationBp <= 10000) adaptationBp = 5000 + Math.floor(adaptationBp / 2);
  if (adaptationBp === 10000) return null;
  const sample = Math.max(g.minSampleUs, Math.min(g.maxSampleUs, Math.floor((attrs.sampleUs * adaptationBp) / 10000)));
  return { ...attrs, sampleUs: sample, aggrUs: sample * aggrSamples };
}
