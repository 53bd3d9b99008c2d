// What `damo replay` does with a record (spec/records.md §9), as data: per snapshot, its
// length in seconds, the number of sampling slices (aggregation / sampling interval), and the
// regions to touch with how many slices each is touched in. Recorded addresses do not exist
// here, so every range ever touched is packed, page aligned, into one pool of memory.
import { toFloat } from '../base/py-num.ts';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord } from '../model/record.ts';

export const REPLAY_PAGE = 4096;

export interface ReplaySnapshot {
  runtimeS: number;
  /** Sampling slices per snapshot (upstream's aggr_us / sample_us). */
  maxNr: number;
  /** [offset in the pool, length, slices touched], all page aligned. */
  regions: [number, number, number][];
}

export interface ReplayPlan {
  /** Bytes of the pool: every touched range, page aligned and merged. */
  poolBytes: number;
  nrSnapshots: number;
  snapshots(): Generator<ReplaySnapshot>;
}

const pageDown = (a: bigint) => a - (a % BigInt(REPLAY_PAGE));
const pageUp = (a: bigint) => pageDown(a + BigInt(REPLAY_PAGE - 1));

/** The record's accesses as a replay plan; a record it cannot replay is a UserError. */
export function replayPlan(record: DamonRecord): ReplayPlan {
  const iv = record.intervals;
  const sampleUs = iv ? toFloat(iv.sampleUs) : NaN;
  const aggrUs = iv ? toFloat(iv.aggrUs) : NaN;
  if (!(sampleUs > 0) || !(aggrUs > 0))
    throw new UserError('the record has no monitoring intervals (sampling and aggregation), which replay needs to pace the accesses');
  const maxNr = aggrUs / sampleUs;
  const samplesOf = (r: { nrAccesses: { samples: number | null; percent: number | null } | null }): number => {
    const n = r.nrAccesses;
    if (n === null) return 0;
    if (n.samples !== null) return n.samples;
    return n.percent !== null ? (n.percent * maxNr) / 100 : 0;
  };

  // The union of touched ranges, so that memory grows with what the record touches only.
  const ranges: [bigint, bigint][] = [];
  for (const s of record.snapshots)
    for (const r of s.regions) if (r.end > r.start && samplesOf(r) > 0) ranges.push([pageDown(r.start), pageUp(r.end)]);
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: { start: bigint; end: bigint; offset: bigint }[] = [];
  let pool = 0n;
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last.end) {
      if (e > last.end) {
        pool += e - last.end;
        last.end = e;
      }
    } else {
      merged.push({ start: s, end: e, offset: pool });
      pool += e - s;
    }
  }
  const starts = merged.map((m) => m.start);
  const offsetOf = (addr: bigint): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= addr) lo = mid;
      else hi = mid - 1;
    }
    return Number(merged[lo].offset + (addr - merged[lo].start));
  };
  if (pool > BigInt(Number.MAX_SAFE_INTEGER)) throw new UserError('the record touches more memory than can be replayed');

  return {
    poolBytes: Number(pool),
    nrSnapshots: record.snapshots.length,
    *snapshots() {
      for (const s of record.snapshots) {
        const regions: [number, number, number][] = [];
        for (const r of s.regions) {
          const samples = samplesOf(r);
          if (!(r.end > r.start) || samples <= 0) continue;
          const start = pageDown(r.start);
          regions.push([offsetOf(start), Number(pageUp(r.end) - start), samples]);
        }
        const runtimeS = (toFloat(s.endTime) - toFloat(s.startTime)) / 1e9;
        yield { runtimeS: runtimeS > 0 ? runtimeS : 0, maxNr, regions };
      }
    },
  };
}
