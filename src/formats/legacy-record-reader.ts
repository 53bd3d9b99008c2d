// Reads the legacy binary `record` format (damo up to v1.8.1, the pre-mainline kernel's
// debugfs rbuf layout), which upstream 3.3 no longer reads (spec/records.md §3.7).
// Little-endian, native x86_64/arm64 sizes, no padding.
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { estimateFirstStart } from './perf-script-reader.ts';

export const LEGACY_MAGIC = 'damon_recfmt_ver';

/** Not a legacy record, or a broken one; `offset` is where the problem was found. */
export class LegacyFormatError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`${problem} (byte ${offset})`);
    this.name = 'LegacyFormatError';
  }
}

// Limits that no real record reaches; they let a headerless (version 0) file be told
// apart from other binary data.
const MAX_TARGETS = 1 << 16;
const MAX_REGIONS = 1 << 24;

/** Parses a whole legacy record file. */
export function parseLegacyRecord(buf: Buffer): DamonRecord[] {
  let off = 0;
  let version = 0;
  if (buf.length >= 20 && buf.toString('latin1', 0, 16) === LEGACY_MAGIC) {
    version = buf.readInt32LE(16);
    off = 20;
    if (version < 0 || version > 2) throw new LegacyFormatError(16, `unknown format version ${version}`);
  }
  const records: DamonRecord[] = [];
  const byTarget = new Map<bigint, DamonRecord>();
  const need = (n: number, what: string) => {
    if (off + n > buf.length) throw new LegacyFormatError(off, `the file ends inside ${what}`);
  };
  while (buf.length - off >= 16) {
    const sec = buf.readBigInt64LE(off);
    const nsec = buf.readBigInt64LE(off + 8);
    if (sec < 0n || nsec < 0n || nsec >= 1000000000n) throw new LegacyFormatError(off, 'bad snapshot time');
    const endTime = sec * 1000000000n + nsec;
    off += 16;
    need(4, 'a snapshot header');
    const nrTargets = buf.readUInt32LE(off);
    off += 4;
    if (nrTargets > MAX_TARGETS) throw new LegacyFormatError(off - 4, `implausible target count ${nrTargets}`);
    for (let t = 0; t < nrTargets; t++) {
      const idSize = version === 1 ? 4 : 8;
      need(idSize + 4, 'a target header');
      const targetId = version === 1 ? BigInt(buf.readInt32LE(off)) : buf.readBigUInt64LE(off);
      off += idSize;
      const nrRegions = buf.readUInt32LE(off);
      off += 4;
      if (nrRegions > MAX_REGIONS) throw new LegacyFormatError(off - 4, `implausible region count ${nrRegions}`);
      need(nrRegions * 20, 'the regions of a snapshot');
      let record = byTarget.get(targetId);
      if (!record) {
        record = {
          kdamondIdx: null,
          contextIdx: null,
          intervals: null,
          schemeIdx: null,
          targetId,
          schemeFilters: [],
          snapshots: [],
          dataSource: 'unknown',
        };
        byTarget.set(targetId, record);
        records.push(record);
      }
      const prev = record.snapshots.at(-1);
      if (prev && (prev.endTime as bigint) > endTime) throw new LegacyFormatError(off, 'snapshot is not sorted by time');
      const snapshot: Snapshot = {
        startTime: prev ? prev.endTime : (null as unknown as bigint), // estimated below
        endTime,
        regions: [],
        totalBytes: 0n,
        damosStats: null,
        sampleIntervalUs: null,
      };
      for (let i = 0; i < nrRegions; i++) {
        const start = buf.readBigUInt64LE(off);
        const end = buf.readBigUInt64LE(off + 8);
        const samples = buf.readUInt32LE(off + 16);
        // the fake end-of-record snapshot stores -1 samples as 0xffffffff
        const fake = samples === 0xffffffff && start === 0n && end === 0n;
        const nr = fake ? -1 : samples;
        if (start > end && !(start === 0n && end === 0n)) throw new LegacyFormatError(off, 'a region ends before it starts');
        snapshot.regions.push({
          start,
          end,
          nrAccesses: { samples: nr, percent: null },
          age: { usec: null, aggrIntervals: fake ? -1n : null },
          probeHits: [],
          szFilterPassed: 0n,
        });
        off += 20;
      }
      snapshot.totalBytes = snapshot.regions.reduce((s, r) => s + r.end - r.start, 0n);
      record.snapshots.push(snapshot);
    }
  }
  if (records.length === 0) throw new LegacyFormatError(off, 'no snapshot in the file');
  for (const r of records) estimateFirstStart(r, 100000n);
  return records;
}
