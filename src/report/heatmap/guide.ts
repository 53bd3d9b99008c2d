// The "guide" of a record file: per (kdamond, context, scheme, target) the time span,
// the address ranges that were ever monitored (gaps every snapshot agrees on are cut
// out) and how hot each range was (spec/reports.md §7.2). Shared by `report heatmap`,
// `report record_info` and `report holistic`. Snapshots are fed one at a time so a
// streaming reader can drive it.
import { type PyNum, pyDiv, pyMul, pySub } from '../../base/py-num.ts';
import type { DamonRecord, Snapshot } from '../../model/record.ts';
import { regionAgeAggrs, regionSamples } from './region-values.ts';

export interface GuideId {
  kdamondIdx: number | null;
  contextIdx: number | null;
  schemeIdx: number | null;
  targetId: bigint | null;
}

export interface GuideRegion {
  start: bigint;
  end: bigint;
  /** Sum of size * samples of the regions that touched this range. */
  heats: PyNum;
}

export interface Guide extends GuideId {
  startTime: PyNum;
  endTime: PyNum;
  lowestAddr: bigint;
  highestAddr: bigint;
  gaps: [bigint, bigint][];
}

/** A guide as collected: times are null until a snapshot came, addresses until a region did. */
export interface GuideEntry extends GuideId {
  startTime: PyNum | null;
  endTime: PyNum | null;
  lowestAddr: bigint | null;
  highestAddr: bigint | null;
  gaps: [bigint, bigint][];
}

/** Whether the entry saw a region (only such guides have address ranges to draw). */
export function hasRegions(g: GuideEntry): g is Guide {
  return g.lowestAddr !== null;
}

export function guideIdOf(record: DamonRecord): GuideId {
  return {
    kdamondIdx: record.kdamondIdx,
    contextIdx: record.contextIdx,
    schemeIdx: record.schemeIdx,
    targetId: record.targetId,
  };
}

export function sameGuideId(a: GuideId, b: GuideId): boolean {
  return (
    a.kdamondIdx === b.kdamondIdx &&
    a.contextIdx === b.contextIdx &&
    a.schemeIdx === b.schemeIdx &&
    a.targetId === b.targetId
  );
}

function gapsOf(snapshot: Snapshot): [bigint, bigint][] {
  const gaps: [bigint, bigint][] = [];
  let prevEnd: bigint | null = null;
  for (const r of snapshot.regions) {
    if (prevEnd !== null && prevEnd !== r.start) gaps.push([prevEnd, r.start]);
    prevEnd = r.end;
  }
  return gaps;
}

function overlapsInclusive(a: [bigint, bigint], b: [bigint, bigint]): boolean {
  return !(a[1] < b[0] || b[1] < a[0]);
}

/**
 * Collects guides snapshot by snapshot, in the order ids first appear. The start
 * time comes from the first snapshot of an id (back by its oldest region's age),
 * even one without regions, as upstream's first-snapshot rule reads.
 */
export class GuideCollector {
  private readonly byKey = new Map<string, GuideEntry>();

  private entryOf(record: DamonRecord): GuideEntry {
    const id = guideIdOf(record);
    const key = `${id.kdamondIdx}/${id.contextIdx}/${id.schemeIdx}/${id.targetId}`;
    let guide = this.byKey.get(key);
    if (!guide) {
      guide = { ...id, startTime: null, endTime: null, lowestAddr: null, highestAddr: null, gaps: [] };
      this.byKey.set(key, guide);
    }
    return guide;
  }

  /** Makes the record's id known even if it has no snapshot (record_info lists it). */
  addRecord(record: DamonRecord): void {
    this.entryOf(record);
  }

  addSnapshot(record: DamonRecord, snapshot: Snapshot): void {
    const guide = this.entryOf(record);
    if (guide.startTime === null) {
      let startTime = snapshot.startTime;
      if (record.intervals && snapshot.regions.length > 0) {
        let longest: PyNum = 0n;
        for (const r of snapshot.regions) {
          const a = regionAgeAggrs(r, record.intervals);
          if (a > longest) longest = a;
        }
        startTime = pySub(startTime, pyMul(pyMul(longest, record.intervals.aggrUs), 1000n));
      }
      guide.startTime = startTime;
    }
    guide.endTime = snapshot.endTime;
    const regions = snapshot.regions;
    if (regions.length === 0) return;
    let lowest = guide.lowestAddr ?? regions[0].start;
    let highest = guide.highestAddr ?? regions[0].end;
    for (const r of regions) {
      if (r.start < lowest) lowest = r.start;
      if (r.end > highest) highest = r.end;
    }
    guide.lowestAddr = lowest;
    guide.highestAddr = highest;
    const gaps = gapsOf(snapshot);
    if (guide.gaps.length === 0) {
      guide.gaps = gaps;
      return;
    }
    // A gap survives only where every snapshot has one; a gap no longer seen stays as is.
    if (gaps.length === 0) return;
    guide.gaps = guide.gaps.map((g) => {
      let cur = g;
      for (const n of gaps) {
        if (overlapsInclusive(cur, n)) cur = [cur[0] > n[0] ? cur[0] : n[0], cur[1] < n[1] ? cur[1] : n[1]];
      }
      return cur;
    });
  }

  /** Every id seen, sorted by monitored space, largest first (stable). */
  entries(): GuideEntry[] {
    const all = [...this.byKey.values()];
    const space = (g: GuideEntry) => (hasRegions(g) ? contiguousRegions(g).reduce((s, r) => s + (r[1] - r[0]), 0n) : 0n);
    const sizes = new Map(all.map((g) => [g, space(g)]));
    return all.sort((a, b) => {
      const d = sizes.get(b)! - sizes.get(a)!;
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    });
  }

  /** The guides that have address ranges, sorted as entries() (what heatmaps draw from). */
  guides(): Guide[] {
    return this.entries().filter(hasRegions);
  }
}

/** The address ranges between the guide's gaps. */
export function contiguousRegions(guide: Guide): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  let start = guide.lowestAddr;
  for (const [gs, ge] of guide.gaps) {
    out.push([start, gs]);
    start = ge;
  }
  out.push([start, guide.highestAddr]);
  return out;
}

/** Accumulates region heats (size * samples) per contiguous region of a guide. */
export class GuideHeats {
  readonly regions: GuideRegion[];

  constructor(readonly guide: Guide) {
    this.regions = contiguousRegions(guide).map(([start, end]) => ({ start, end, heats: 0n }));
  }

  addSnapshot(record: DamonRecord, snapshot: Snapshot): void {
    for (const r of snapshot.regions) {
      const samples = regionSamples(r, record.intervals);
      if (samples === 0n) continue;
      const heat = pyMul(r.end - r.start, samples);
      for (const c of this.regions) {
        if (!(r.end < c.start || c.end < r.start)) c.heats = (c.heats as bigint) + (heat as bigint);
      }
    }
  }

  /** The range with the highest heat per byte; the first one on ties. */
  hottest(): GuideRegion {
    let best = this.regions[0];
    let bestHeat = -1;
    for (const c of this.regions) {
      const perByte = c.heats === 0n || c.end === c.start ? 0 : pyDiv(c.heats, c.end - c.start);
      if (perByte > bestHeat) {
        best = c;
        bestHeat = perByte;
      }
    }
    return best;
  }
}
