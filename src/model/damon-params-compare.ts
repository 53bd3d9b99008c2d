// Equality of DAMON parameter blocks with their defaults (spec/control.md §1.6
// `--omit_defaults`) and between schemes, comparing numbers as Python does (5000 == 5000.0).
import { type PyNum, pyCompare } from '../base/py-num.ts';
import {
  type AccessPattern,
  type Intervals,
  type NrRegions,
  type Quota,
  type Watermarks,
  defaultAccessPattern,
  defaultIntervals,
  defaultNrRegions,
  defaultQuota,
  defaultWatermarks,
} from './damon-params.ts';

function eq(a: PyNum | null, b: PyNum | null): boolean {
  if (a === null || b === null) return a === b;
  return pyCompare(a, b) === 0;
}

export function intervalsEqual(a: Intervals, b: Intervals): boolean {
  return (
    eq(a.sampleUs, b.sampleUs) &&
    eq(a.aggrUs, b.aggrUs) &&
    eq(a.opsUpdateUs, b.opsUpdateUs) &&
    eq(a.goal.accessBp, b.goal.accessBp) &&
    eq(a.goal.aggrs, b.goal.aggrs) &&
    eq(a.goal.minSampleUs, b.goal.minSampleUs) &&
    eq(a.goal.maxSampleUs, b.goal.maxSampleUs)
  );
}

export function intervalsAreDefault(iv: Intervals): boolean {
  return intervalsEqual(iv, defaultIntervals());
}

export function nrRegionsAreDefault(nr: NrRegions): boolean {
  const d = defaultNrRegions();
  return eq(nr.min, d.min) && eq(nr.max, d.max);
}

export function accessPatternsEqual(a: AccessPattern, b: AccessPattern): boolean {
  return (
    a.szBytes.min === b.szBytes.min &&
    a.szBytes.max === b.szBytes.max &&
    a.nrAccessesUnit === b.nrAccessesUnit &&
    eq(a.nrAccesses.min, b.nrAccesses.min) &&
    eq(a.nrAccesses.max, b.nrAccesses.max) &&
    a.ageUnit === b.ageUnit &&
    eq(a.age.min, b.age.min) &&
    eq(a.age.max, b.age.max)
  );
}

export function accessPatternIsDefault(p: AccessPattern): boolean {
  return accessPatternsEqual(p, defaultAccessPattern());
}

export function quotasEqual(a: Quota, b: Quota): boolean {
  return (
    eq(a.timeMs, b.timeMs) &&
    a.szBytes === b.szBytes &&
    eq(a.resetIntervalMs, b.resetIntervalMs) &&
    eq(a.weights.szPermil, b.weights.szPermil) &&
    eq(a.weights.nrAccessesPermil, b.weights.nrAccessesPermil) &&
    eq(a.weights.agePermil, b.weights.agePermil) &&
    a.goalTuner === b.goalTuner &&
    eq(a.failChargeNum, b.failChargeNum) &&
    eq(a.failChargeDenom, b.failChargeDenom) &&
    a.goals.length === b.goals.length &&
    a.goals.every(
      (g, i) =>
        g.metric === b.goals[i].metric &&
        eq(g.targetValue, b.goals[i].targetValue) &&
        eq(g.currentValue, b.goals[i].currentValue) &&
        eq(g.nid, b.goals[i].nid) &&
        g.memcgPath === b.goals[i].memcgPath,
    )
  );
}

export function quotaIsDefault(q: Quota): boolean {
  return quotasEqual(q, defaultQuota());
}

export function watermarksEqual(a: Watermarks, b: Watermarks): boolean {
  return (
    a.metric === b.metric &&
    eq(a.intervalUs, b.intervalUs) &&
    eq(a.highPermil, b.highPermil) &&
    eq(a.midPermil, b.midPermil) &&
    eq(a.lowPermil, b.lowPermil)
  );
}

export function watermarksAreDefault(w: Watermarks): boolean {
  return watermarksEqual(w, defaultWatermarks());
}
