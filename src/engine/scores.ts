// DAMOS region priority scores (spec/damon-core.md §8.3): which score an action uses
// per operations set, and the hot/cold formulas (weight_sz is ignored, as in-kernel).
import type { DamosActionName, EngineOps, EngineQuota } from './config.ts';

export type ScoreKind = 'hot' | 'cold' | 'max';

export function scoreKindOf(ops: EngineOps, action: DamosActionName): ScoreKind {
  switch (action) {
    case 'pageout':
    case 'migrate_cold':
      return 'cold';
    case 'migrate_hot':
      return 'hot';
    case 'lru_prio':
      return ops === 'paddr' ? 'hot' : 'max';
    case 'lru_deprio':
      return ops === 'paddr' ? 'cold' : 'max';
    default:
      return 'max';
  }
}

export interface ScoreInput {
  nrAccesses: number;
  age: number;
}

export function hotScore(r: ScoreInput, q: EngineQuota, maxNrAccesses: number, aggrUs: number): number {
  // Clamped: after interval changes nr_accesses can exceed the window's maximum.
  const freq = Math.min(100, Math.floor((r.nrAccesses * 100) / Math.max(maxNrAccesses, 1)));
  let ageS = Math.floor((r.age * aggrUs) / 1000000);
  let lg = 0;
  while (lg < 32 && ageS > 0) {
    lg++;
    ageS = Math.floor(ageS / 2);
  }
  if (freq === 0) lg = -lg;
  const ageSub = Math.floor(Math.floor(((lg + 32) * 100) / 32) / 2);
  let h = q.weightNrAccesses * freq + q.weightAge * ageSub;
  const w = q.weightNrAccesses + q.weightAge;
  if (w !== 0) h = Math.floor(h / w);
  return Math.min(99, Math.floor((h * 99) / 100));
}

export function regionScore(
  kind: ScoreKind,
  r: ScoreInput,
  q: EngineQuota,
  maxNrAccesses: number,
  aggrUs: number,
): number {
  if (kind === 'max') return 99;
  const hot = hotScore(r, q, maxNrAccesses, aggrUs);
  return kind === 'hot' ? hot : 99 - hot;
}
