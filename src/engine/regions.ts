// Monitoring regions and DAMON's adaptive regions adjustment: merge (with age update),
// split, size limit, set_regions and vaddr three-regions (spec/damon-core.md §3.5, §4, §5).
import type { AddrRange } from './config.ts';
import type { Prng } from './prng.ts';

export class EngineRegion {
  samplingAddr = 0;
  nrAccesses = 0;
  nrAccessesBp = 0;
  age = 0;
  lastNrAccesses = 0;
  constructor(
    public start: number,
    public end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  /** Splits off [start+sz, end) as a new region with the same counters (damon_split_region_at). */
  splitAt(sz: number): EngineRegion {
    const right = new EngineRegion(this.start + sz, this.end);
    right.nrAccesses = this.nrAccesses;
    right.nrAccessesBp = this.nrAccessesBp;
    right.age = this.age;
    right.lastNrAccesses = this.lastNrAccesses;
    this.end = right.start;
    return right;
  }
}

export interface EngineTargetState {
  regions: EngineRegion[];
}

export function alignDown(x: number, a: number): number {
  return x - (x % a);
}

export function alignUp(x: number, a: number): number {
  const m = x % a;
  return m === 0 ? x : x + (a - m);
}

/** floor((a*sa + b*sb) / (sa+sb)), exact even when the products pass 2^53. */
export function weightedAvg(a: number, sa: number, b: number, sb: number): number {
  const num = a * sa + b * sb;
  if (num < 9007199254740992) return Math.floor(num / (sa + sb));
  return Number((BigInt(a) * BigInt(sa) + BigInt(b) * BigInt(sb)) / BigInt(sa + sb));
}

/** Age rule of a merge pass (spec §3.5, with the 6.18 zero/non-zero reset). */
function updateAge(r: EngineRegion, thres: number): void {
  if (Math.abs(r.nrAccesses - r.lastNrAccesses) > thres) r.age = 0;
  else if ((r.nrAccesses === 0) !== (r.lastNrAccesses === 0)) r.age = 0;
  else r.age += 1;
}

/** merge_regions_of: one left-to-right pass updating ages and merging similar neighbours. */
export function mergeRegionsOf(t: EngineTargetState, thres: number, szLimit: number): void {
  const out: EngineRegion[] = [];
  let prev: EngineRegion | null = null;
  for (const r of t.regions) {
    updateAge(r, thres);
    if (
      prev !== null &&
      prev.end === r.start &&
      Math.abs(prev.nrAccesses - r.nrAccesses) <= thres &&
      prev.size + r.size <= szLimit
    ) {
      const sl = prev.size;
      const sr = r.size;
      prev.nrAccesses = weightedAvg(prev.nrAccesses, sl, r.nrAccesses, sr);
      prev.nrAccessesBp = prev.nrAccesses * 10000;
      prev.age = weightedAvg(prev.age, sl, r.age, sr);
      prev.end = r.end;
    } else {
      out.push(r);
      prev = r;
    }
  }
  t.regions = out;
}

/** kdamond_merge_regions: raise the threshold while there are more than max regions. */
export function mergeAllTargets(
  targets: EngineTargetState[],
  threshold: number,
  szLimit: number,
  maxNrRegions: number,
  maxThres: number,
): void {
  let total: number;
  do {
    total = 0;
    for (const t of targets) {
      mergeRegionsOf(t, threshold, szLimit);
      total += t.regions.length;
    }
    threshold = Math.max(1, threshold * 2);
  } while (total > maxNrRegions && Math.floor(threshold / 2) < maxThres);
}

/** split_regions_of: cut each region into nrSubs pieces at random tenths; cuts repeat on the left piece. */
export function splitRegionsOf(t: EngineTargetState, nrSubs: number, minRegion: number, rng: Prng): void {
  const out: EngineRegion[] = [];
  for (const r of t.regions) {
    let sz = r.size;
    const rights: EngineRegion[] = [];
    for (let i = 0; i < nrSubs - 1 && sz > 2 * minRegion; i++) {
      const sub = alignDown(Math.floor((rng.range(1, 10) * sz) / 10), minRegion);
      if (sub === 0 || sub >= sz) continue;
      rights.unshift(r.splitAt(sub));
      sz = sub;
    }
    out.push(r, ...rights);
  }
  t.regions = out;
}

/** damon_region_sz_limit */
export function regionSzLimit(targets: EngineTargetState[], minNrRegions: number, minRegion: number): number {
  let total = 0;
  for (const t of targets) for (const r of t.regions) total += r.size;
  if (minNrRegions) total = Math.floor(total / minNrRegions);
  return Math.max(total, minRegion);
}

/** damon_set_regions: fit the target's regions to sorted, disjoint ranges, keeping counters. */
export function setRegions(t: EngineTargetState, ranges: AddrRange[], minRegion: number): void {
  const intersects = (r: EngineRegion, R: AddrRange): boolean => !(r.end <= R.start || R.end <= r.start);
  const regions = t.regions.filter((r) => ranges.some((R) => intersects(r, R)));
  const out: EngineRegion[] = [];
  let i = 0;
  for (const R of ranges) {
    const inside: EngineRegion[] = [];
    while (i < regions.length && regions[i].start < R.end) {
      if (intersects(regions[i], R)) inside.push(regions[i]);
      else out.push(regions[i]);
      i++;
    }
    if (inside.length === 0) {
      out.push(new EngineRegion(alignDown(R.start, minRegion), alignUp(R.end, minRegion)));
      continue;
    }
    inside[0].start = alignDown(R.start, minRegion);
    inside[inside.length - 1].end = alignUp(R.end, minRegion);
    for (let k = 0; k < inside.length; k++) {
      if (k > 0 && inside[k - 1].end < inside[k].start)
        out.push(new EngineRegion(inside[k - 1].end, inside[k].start));
      out.push(inside[k]);
    }
  }
  while (i < regions.length) out.push(regions[i++]);
  t.regions = out;
}

/** The three ranges around the two biggest gaps of a process's VMAs; null when there are no two gaps. */
export function threeRegions(vmas: AddrRange[], minRegion: number): AddrRange[] | null {
  if (vmas.length === 0) return null;
  let first: AddrRange = { start: 0, end: 0 };
  let second: AddrRange = { start: 0, end: 0 };
  for (let k = 1; k < vmas.length; k++) {
    const gap = { start: vmas[k - 1].end, end: vmas[k].start };
    const sz = gap.end - gap.start;
    if (sz > first.end - first.start) {
      second = first;
      first = gap;
    } else if (sz > second.end - second.start) {
      second = gap;
    }
  }
  if (first.end === first.start || second.end === second.start) return null;
  const [g1, g2] = first.start < second.start ? [first, second] : [second, first];
  const up = (x: number): number => alignUp(x, minRegion);
  return [
    { start: up(vmas[0].start), end: up(g1.start) },
    { start: up(g1.end), end: up(g2.start) },
    { start: up(g2.end), end: up(vmas[vmas.length - 1].end) },
  ];
}

/** vaddr init: one region per range, evenly pre-split so the total reaches about min_nr_regions. */
export function initialRegions(ranges: AddrRange[], minNrRegions: number, minRegion: number): EngineRegion[] {
  let total = 0;
  for (const R of ranges) total += R.end - R.start;
  const sz = Math.max(Math.floor(total / minNrRegions), minRegion);
  const out: EngineRegion[] = [];
  for (const R of ranges) {
    const size = R.end - R.start;
    const nrPieces = Math.floor(size / sz);
    const piece = nrPieces === 0 ? 0 : alignDown(Math.floor(size / nrPieces), minRegion);
    if (nrPieces === 0 || piece === 0) {
      out.push(new EngineRegion(R.start, R.end));
      continue;
    }
    let start = R.start;
    const pieces: EngineRegion[] = [];
    while (start + piece <= R.end) {
      pieces.push(new EngineRegion(start, start + piece));
      start += piece;
    }
    pieces[pieces.length - 1].end = R.end;
    out.push(...pieces);
  }
  return out;
}
