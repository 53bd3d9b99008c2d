// Turns what the engine produces into the record model (spec/records.md §1): one record
// per target with a snapshot per aggregation, as a full `damo record` holds, and one
// record per scheme for a tried-regions snapshot.
import type { DamonRecord, DamosStats, Intervals, Region, Snapshot } from '../model/record.ts';
import type { DamosStatsState } from './damos.ts';
import type { AggregationEvent, TriedRegionsResult } from './engine.ts';
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

/** Collects aggregation events into per-target records; feed `add` as the engine's onAggregation. */
export class RecordCollector {
  readonly records: DamonRecord[] = [];

  constructor(
    intervals: Intervals,
    nrTargets: number,
    /** Virtual clock zero, in ns (e.g. a wall-clock start). */
    private readonly epochNs: bigint = 0n,
  ) {
    for (let ti = 0; ti < nrTargets; ti++)
      this.records.push({
        kdamondIdx: null,
        contextIdx: null,
        intervals,
        schemeIdx: null,
        targetId: BigInt(ti),
        schemeFilters: [],
        snapshots: [],
        dataSource: 'unknown',
      });
  }

  add = (ev: AggregationEvent): void => {
    ev.targets.forEach((regions, ti) => {
      if (regions.length === 0) return;
      let total = 0n;
      const out: Region[] = regions.map((r) => {
        const start = BigInt(r.start);
        const end = BigInt(r.end);
        total += end - start;
        return {
          start,
          end,
          nrAccesses: { samples: r.nrAccesses, percent: null },
          age: { usec: null, aggrIntervals: BigInt(r.age) },
          probeHits: [],
          szFilterPassed: null,
        };
      });
      const snap: Snapshot = {
        startTime: this.epochNs + BigInt(ev.startUs) * 1000n,
        endTime: this.epochNs + BigInt(ev.endUs) * 1000n,
        regions: out,
        totalBytes: total,
        damosStats: null,
        sampleIntervalUs: BigInt(ev.sampleUs),
      };
      this.records[ti].snapshots.push(snap);
    });
  };

  /** Records that got at least one snapshot. */
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
  return results.map((res) => ({
    kdamondIdx: 0,
    contextIdx: 0,
    intervals: attrsToIntervals(attrs),
    schemeIdx: res.schemeIdx,
    targetId: null,
    schemeFilters: [],
    snapshots: [
      {
        startTime: endNs - BigInt(attrs.aggrUs) * 1000n,
        endTime: endNs,
        regions: res.regions.map((r) => ({
          start: BigInt(r.start),
          end: BigInt(r.end),
          nrAccesses: { samples: r.nrAccesses, percent: null },
          age: { usec: null, aggrIntervals: BigInt(r.age) },
          probeHits: [],
          szFilterPassed: BigInt(r.szFilterPassed),
        })),
        totalBytes: BigInt(res.totalBytes),
        damosStats: statsToModel(stats[res.schemeIdx]),
        sampleIntervalUs: BigInt(attrs.sampleUs),
      },
    ],
    dataSource: 'unknown',
  }));
}
