// The "guide" of a record: per kdamond/context/scheme/target, the time span and the
// contiguous address ranges seen. Printed by `report record_info` and `report heatmap
// --guide`, and the default ranges of heatmaps (spec/reports.md §7.2, records.md §8).
import { type PyNum, pyCompare, pyDiv, pyInt, pyMul, pySub } from '../base/py-num.ts';
import { formatSz, formatSzAccurate, formatTimeNs } from '../base/units.ts';
import type { DamonRecord, Intervals, Region, Snapshot } from '../model/record.ts';

export interface ContiguousRange {
  start: bigint;
  end: bigint;
  /** Σ size × samples of the regions touching it (whole region sizes, as upstream). */
  heat: bigint;
  heatPerByte: number;
}

export interface Guide {
  kdamondIdx: number | null;
  contextIdx: number | null;
  schemeIdx: number | null;
  targetId: bigint | null;
  /** ns; null when the records of this guide hold no snapshot. */
  startTime: PyNum | null;
  endTime: PyNum | null;
  lowestAddr: bigint | null;
  highestAddr: bigint | null;
  gaps: [bigint, bigint][];
  regions: ContiguousRange[];
}

function idText(v: number | bigint | null): string {
  return v === null ? 'None' : v.toString();
}

function ageInAggrs(r: Region, intervals: Intervals): PyNum {
  if (r.age?.aggrIntervals !== null && r.age?.aggrIntervals !== undefined) return r.age.aggrIntervals;
  // Usec-only ages (DAMON_STAT records) crash upstream here; derive them instead.
  if (r.age?.usec !== null && r.age?.usec !== undefined) return pyInt(pyDiv(r.age.usec, intervals.aggrUs));
  return 0n;
}

/** When the first snapshot's oldest region started being monitored. */
function firstStartTime(snapshot: Snapshot, intervals: Intervals | null): PyNum {
  if (!intervals || snapshot.regions.length === 0) return snapshot.startTime;
  let longest: PyNum = ageInAggrs(snapshot.regions[0], intervals);
  for (const r of snapshot.regions) {
    const a = ageInAggrs(r, intervals);
    if (pyCompare(a, longest) > 0) longest = a;
  }
  return pySub(snapshot.startTime, pyMul(pyMul(longest, intervals.aggrUs), 1000n));
}

function knownSamples(r: Region, intervals: Intervals | null): number {
  const na = r.nrAccesses;
  if (na?.samples !== null && na?.samples !== undefined) return na.samples;
  if (na?.percent !== null && na?.percent !== undefined && intervals) {
    return Number(pyInt((na.percent * pyDiv(intervals.aggrUs, intervals.sampleUs)) / 100));
  }
  return 0;
}

function addSnapshotGaps(guide: Guide, snapshot: Snapshot): void {
  const gaps: [bigint, bigint][] = [];
  // Upstream tests these for truthiness, so address 0 counted as unset and a record
  // starting at 0 got a reversed first range; here 0 is an address like any other.
  let lastEnd: bigint | null = null;
  for (const r of snapshot.regions) {
    if (guide.lowestAddr === null || r.start < guide.lowestAddr) guide.lowestAddr = r.start;
    if (guide.highestAddr === null || r.end > guide.highestAddr) guide.highestAddr = r.end;
    if (lastEnd === null) {
      lastEnd = r.end;
      continue;
    }
    if (lastEnd !== r.start) gaps.push([lastEnd, r.start]);
    lastEnd = r.end;
  }
  if (guide.gaps.length === 0) {
    guide.gaps = gaps;
    return;
  }
  for (const g of guide.gaps) {
    for (const n of gaps) {
      if (g[1] < n[0] || n[1] < g[0]) continue;
      g[0] = g[0] > n[0] ? g[0] : n[0];
      g[1] = g[1] < n[1] ? g[1] : n[1];
    }
  }
}

function contiguousRanges(guide: Guide): ContiguousRange[] {
  if (guide.lowestAddr === null || guide.highestAddr === null) return [];
  const bounds: [bigint, bigint][] = [];
  let start = guide.lowestAddr;
  for (const g of guide.gaps) {
    bounds.push([start, g[0]]);
    start = g[1];
  }
  bounds.push([start, guide.highestAddr]);
  return bounds.map(([s, e]) => ({ start: s, end: e, heat: 0n, heatPerByte: 0 }));
}

function totalSpace(g: Guide): bigint {
  let t = 0n;
  for (const r of g.regions) t += r.end - r.start;
  return t;
}

/** Guides of all records, the largest address space first. */
export function computeGuides(records: readonly DamonRecord[]): Guide[] {
  const guides = new Map<string, Guide>();
  const recordsOf = new Map<Guide, DamonRecord[]>();
  for (const rec of records) {
    const key = [rec.kdamondIdx, rec.contextIdx, rec.schemeIdx, rec.targetId].map(idText).join(' ');
    let guide = guides.get(key);
    if (!guide) {
      guide = {
        kdamondIdx: rec.kdamondIdx,
        contextIdx: rec.contextIdx,
        schemeIdx: rec.schemeIdx,
        targetId: rec.targetId,
        startTime: null,
        endTime: null,
        lowestAddr: null,
        highestAddr: null,
        gaps: [],
        regions: [],
      };
      guides.set(key, guide);
      recordsOf.set(guide, []);
    }
    recordsOf.get(guide)!.push(rec);
    for (const snapshot of rec.snapshots) {
      if (guide.startTime === null) guide.startTime = firstStartTime(snapshot, rec.intervals);
      guide.endTime = snapshot.endTime;
      addSnapshotGaps(guide, snapshot);
    }
  }
  for (const [guide, recs] of recordsOf) {
    guide.regions = contiguousRanges(guide);
    for (const rec of recs) {
      for (const s of rec.snapshots) {
        for (const r of s.regions) {
          const samples = knownSamples(r, rec.intervals);
          if (samples === 0) continue;
          for (const c of guide.regions) {
            if (r.end < c.start || c.end < r.start) continue;
            c.heat += (r.end - r.start) * BigInt(Math.trunc(samples));
          }
        }
      }
    }
    for (const c of guide.regions) c.heatPerByte = c.heat === 0n ? 0 : pyDiv(c.heat, c.end - c.start);
  }
  return [...guides.values()].sort((a, b) => {
    const ta = totalSpace(a);
    const tb = totalSpace(b);
    return ta > tb ? -1 : ta < tb ? 1 : 0;
  });
}

/** One guide as text lines (no trailing newline); `raw` prints plain numbers. */
export function formatGuide(g: Guide, raw: boolean): string {
  const lines: string[] = [];
  if (g.kdamondIdx !== null) lines.push(`kdamond_idx: ${g.kdamondIdx}`);
  if (g.contextIdx !== null) lines.push(`context_idx: ${g.contextIdx}`);
  if (g.schemeIdx !== null) lines.push(`scheme_idx: ${g.schemeIdx}`);
  if (g.targetId !== null) lines.push(`target_id: ${g.targetId}`);
  if (g.startTime === null || g.endTime === null) {
    lines.push('# no snapshot');
    return lines.join('\n');
  }
  const dur = pySub(g.endTime, g.startTime);
  lines.push(`time: [${formatTimeNs(g.startTime, raw)}, ${formatTimeNs(g.endTime, raw)}) (${formatTimeNs(dur, raw)})`);
  g.regions.forEach((r, i) => {
    const idx = i.toString().padStart(2);
    lines.push(
      `region\t${idx}: [${formatSzAccurate(r.start, raw)}, ${formatSzAccurate(r.end, raw)}) (${formatSz(r.end - r.start, raw)})`,
    );
  });
  return lines.join('\n');
}

/** `report record_info` text, ending with a newline (empty when there is no record). */
export function formatRecordInfo(records: readonly DamonRecord[], raw: boolean): string {
  return computeGuides(records)
    .map((g) => `${formatGuide(g, raw)}\n`)
    .join('');
}
