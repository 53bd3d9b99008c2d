// Synthetic "wide" records for benchmarks: random regions over 64 GiB (like
// spec/records.md §11.2's), snapshots made on demand so writing a huge one needs
// no memory.
import type { DamonRecord, Region, Snapshot } from '../src/model/record.ts';

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

export function syntheticSnapshot(i: number, nrRegions: number): Snapshot {
  const rnd = lcg(i + 1);
  const total = 64n << 30n;
  const regions: Region[] = [];
  let start = 4n << 30n;
  for (let g = 0; g < nrRegions; g++) {
    const end =
      g === nrRegions - 1
        ? start + total / BigInt(nrRegions)
        : start + (BigInt(Math.floor(rnd() * 2 * Number(total / BigInt(nrRegions)))) & ~4095n) + 4096n;
    regions.push({
      start,
      end,
      nrAccesses: { samples: Math.floor(rnd() * 21), percent: null },
      age: { usec: null, aggrIntervals: BigInt(Math.floor(rnd() * 500)) },
      probeHits: [],
      szFilterPassed: 0n,
    });
    start = end;
  }
  const t = BigInt(i) * 100000000n + 1745091985773302272n;
  return { startTime: t, endTime: t + 100000000n, regions, totalBytes: start - (4n << 30n), damosStats: null, sampleIntervalUs: null };
}

/** A record whose snapshots are made when read, so writing it needs no memory. */
export function lazySyntheticRecord(nrSnapshots: number, nrRegions: number): DamonRecord {
  const snapshots = new Proxy([] as Snapshot[], {
    get(target, prop) {
      if (prop === 'length') return nrSnapshots;
      if (typeof prop === 'string' && /^\d+$/.test(prop)) return syntheticSnapshot(Number(prop), nrRegions);
      return Reflect.get(target, prop);
    },
  });
  return {
    kdamondIdx: 0,
    contextIdx: 0,
    intervals: { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 0, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n } },
    schemeIdx: null,
    targetId: 0n,
    schemeFilters: [],
    snapshots,
    dataSource: 'unknown',
  };
}

/** Bytes of indent-4 JSON one synthetic region takes, measured on our writer's layout (166 MB for 304 x 1000). */
export const JSON_BYTES_PER_REGION = 545;
