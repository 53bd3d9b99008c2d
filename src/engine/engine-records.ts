// Turns what the engine produces into the record model (spec/records.md §1): one record
// per target with a snapshot per aggregation, as a full `damo record` holds; one record
// per scheme for a tried-regions snapshot; per-apply tried regions grouped as a
// damos_before_apply trace (§3.4.3); a live snapshot of the latest aggregation.
import { type DamonRecord, type DamosStats, type Intervals, type Region, type Snapshot, sumRegionSizes } from '../model/record.ts';
import type { DamosStatsState, TriedRegion } from './damos.ts';
import type { AggregatedRegion, AggregationEvent, TriedRegionsResult } from './engine.ts';
import type { EngineAttrs } from './config.ts';

export function attrsToIntervals(a: EngineAttrs): Intervals {
  return {
    sampleUs: BigInt(a.sampleUs),
    aggrUs: BigInt(a.aggrUs),
    opsUpdateUs: BigInt(a.opsUpdateUs),
    goal: {
      accessBp: BigInt(a.intervalsGoal.accessBp),
      aggrs: BigInt(a.intervalsGoal.aggrs),
      minSampleUs: BigInt(a.intervalsGoal.minSampleUs),
      maxSampleUs: BigInt(a.intervalsGoal.maxSampleUs),
    },
  };
}

/** An engine region as a record region: access count in samples, age in aggregations. */
export function regionToModel(r: AggregatedRegion, szFilterPassed: bigint | null = null): Region {
  return {
    start: BigInt(r.start),
    end: BigInt(r.end),
    nrAccesses: { samples: r.nrAccesses, percent: null },
    age: { usec: null, aggrIntervals: BigInt(r.age) },
    probeHits: [],
    szFilterPassed,
  };
}

/** The snapshot of target `ti` at one aggregation; times are `epochNs` plus the virtual clock. */
export function aggregationSnapshot(ev: AggregationEvent, ti: number, epochNs: bigint): Snapshot {
  const regions = (ev.targets[ti] ?? []).map((r) => regionToModel(r));
  return {
    startTime: epochNs + BigInt(ev.startUs) * 1000n,
    endTime: epochNs + BigInt(ev.endUs) * 1000n,
    regions,
    totalBytes: sumRegionSizes(regions),
    damosStats: null,
    sampleIntervalUs: BigInt(ev.sampleUs),
  };
}

interface RecordPlace {
  kdamondIdx?: number | null;
  contextIdx?: number | null;
  schemeIdx?: number | null;
  targetId?: bigint | null;
}

/** A record of the engine's, without scheme filters or a known data source. */
export function engineRecord(intervals: Intervals, at: RecordPlace, snapshots: Snapshot[] = []): DamonRecord {
  return {
    kdamondIdx: at.kdamondIdx ?? null,
    contextIdx: at.contextIdx ?? null,
    intervals,
    schemeIdx: at.schemeIdx ?? null,
    targetId: at.targetId ?? null,
    schemeFilters: [],
    snapshots,
    dataSource: 'unknown',
  };
}

function perTargetRecords(intervals: Intervals, nrTargets: number): DamonRecord[] {
  return Array.from({ length: nrTargets }, (_, ti) => engineRecord(intervals, { targetId: BigInt(ti) }));
}

/** Collects aggregation events into per-target records; feed `add` as the engine's onAggregation. */
export class RecordCollector {
  readonly records: DamonRecord[];

  constructor(
    intervals: Intervals,
    nrTargets: number,
    /** Virtual clock zero, in ns (e.g. a wall-clock start). */
    private readonly epochNs: bigint = 0n,
  ) {
    this.records = perTargetRecords(intervals, nrTargets);
  }

  add = (ev: AggregationEvent): void => {
    ev.targets.forEach((regions, ti) => {
      if (regions.length === 0) return;
      this.records[ti].snapshots.push(aggregationSnapshot(ev, ti, this.epochNs));
    });
  };

  /** Records that got at least one snapshot. */
  nonEmpty(): DamonRecord[] {
    return this.records.filter((r) => r.snapshots.length > 0);
  }
}

/**
 * What a damos_before_apply trace groups into (spec/records.md §3.4.3): per target, the
 * regions tried in one apply pass of all schemes, one snapshot per pass.
 */
export class TriedRegionsTrace {
  private readonly records: DamonRecord[];
  private lastEndNs: bigint[];

  constructor(
    attrs: EngineAttrs,
    nrTargets: number,
    private readonly epochNs: bigint,
  ) {
    this.records = perTargetRecords(attrsToIntervals(attrs), nrTargets);
    this.lastEndNs = new Array(nrTargets).fill(epochNs);
  }

  add(results: { regions: TriedRegion[] }[], nowUs: number): void {
    const endNs = this.epochNs + BigInt(nowUs) * 1000n;
    const perTarget = new Map<number, Region[]>();
    for (const res of results)
      for (const r of res.regions) {
        const list = perTarget.get(r.targetIdx) ?? [];
        perTarget.set(r.targetIdx, list);
        list.push(regionToModel(r));
      }
    for (const [ti, regions] of perTarget) {
      this.records[ti].snapshots.push({
        startTime: this.lastEndNs[ti],
        endTime: endNs,
        regions,
        totalBytes: sumRegionSizes(regions),
        damosStats: null,
        sampleIntervalUs: null,
      });
      this.lastEndNs[ti] = endNs;
    }
  }

  nonEmpty(): DamonRecord[] {
    return this.records.filter((r) => r.snapshots.length > 0);
  }
}

export function statsToModel(s: DamosStatsState): DamosStats {
  return { ...s, nrSnapshots: 0n, maxNrSnapshots: 0n };
}

/** One record per scheme holding its tried regions as one snapshot (a sysfs-style snapshot). */
export function triedRegionsToRecords(
  results: TriedRegionsResult[],
  stats: DamosStatsState[],
  attrs: EngineAttrs,
  endNs: bigint,
): DamonRecord[] {
  return results.map((res) =>
    engineRecord(attrsToIntervals(attrs), { kdamondIdx: 0, contextIdx: 0, schemeIdx: res.schemeIdx }, [
      {
        startTime: endNs - BigInt(attrs.aggrUs) * 1000n,
        endTime: endNs,
        regions: res.regions.map((r) => regionToModel(r, BigInt(r.szFilterPassed))),
        totalBytes: BigInt(res.totalBytes),
        damosStats: statsToModel(stats[res.schemeIdx]),
        sampleIntervalUs: BigInt(attrs.sampleUs),
      },
    ]),
  );
}
