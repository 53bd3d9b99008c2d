// A recorded access pattern replayed as the ground truth of a simulated world
// (`sim:record:<path>`), so a recording can be monitored again with other parameters.
// At virtual time t the snapshot whose aggregation window holds t rules: a sampled page is
// accessed with probability samples / max_samples of the recorded region covering it
// (spec/records.md §1.2-1.4 for the fields, spec/damon-core.md §3 for what sampling sees).
import { toFloat } from '../../base/py-num.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord, Region, Snapshot } from '../../model/record.ts';
import type { AccessSource, PageRun } from '../access-source.ts';
import type { AddrRange, DamosActionName } from '../config.ts';
import { Prng } from '../prng.ts';

const PAGE = 4096;

interface ReplayWindow {
  /** µs since the replay's zero. */
  startUs: number;
  endUs: number;
  /** Sorted by start; probability of a positive sample per region. */
  regions: { start: number; end: number; p: number }[];
  /** The monitored ranges of the snapshot (adjacent regions joined): the "VMAs". */
  spans: AddrRange[];
}

interface ReplayTarget {
  windows: ReplayWindow[];
  cursor: number;
}

function aggrUsOf(rec: DamonRecord): number {
  return rec.intervals ? toFloat(rec.intervals.aggrUs) : 100000;
}

function maxSamplesOf(rec: DamonRecord, snap: Snapshot): number {
  const aggr = aggrUsOf(rec);
  const sample = snap.sampleIntervalUs !== null ? toFloat(snap.sampleIntervalUs) : rec.intervals ? toFloat(rec.intervals.sampleUs) : 5000;
  return sample > 0 ? Math.max(1, Math.floor(aggr / sample)) : 1;
}

function accessProbability(r: Region, maxSamples: number): number {
  const nr = r.nrAccesses;
  if (!nr) return 0;
  const p = nr.samples !== null ? nr.samples / maxSamples : nr.percent !== null ? nr.percent / 100 : 0;
  return Math.min(1, Math.max(0, p));
}

function toAddr(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new UserError(`${what}: address ${v} is beyond what the built-in engine replays (2^53)`);
  return Number(v);
}

export class RecordReplay implements AccessSource {
  readonly targets: ReplayTarget[];
  /** Replay length: the recording's span from the first window start to the last end (µs). */
  readonly durationUs: number;
  nowUs = 0;
  private readonly rng: Prng;

  /** `records`: one per target, in order (e.g. a full recording's per-target records). */
  constructor(records: DamonRecord[], opts: { seed?: number; what?: string } = {}) {
    const what = opts.what ?? 'the replayed record';
    const usable = records.filter((r) => r.snapshots.length > 0);
    if (usable.length === 0) throw new UserError(`${what} has no snapshot to replay`);
    const startNs = (rec: DamonRecord, s: Snapshot): number =>
      s.startTime !== null && s.startTime !== undefined ? toFloat(s.startTime) : toFloat(s.endTime) - aggrUsOf(rec) * 1000;
    const zeroNs = Math.min(...usable.map((r) => startNs(r, r.snapshots[0])));
    let endUs = 0;
    this.targets = usable.map((rec) => {
      const windows = rec.snapshots.map((s): ReplayWindow => {
        const maxSamples = maxSamplesOf(rec, s);
        const regions = s.regions
          .map((r) => ({ start: toAddr(r.start, what), end: toAddr(r.end, what), p: accessProbability(r, maxSamples) }))
          .filter((r) => r.start < r.end)
          .sort((a, b) => a.start - b.start);
        const spans: AddrRange[] = [];
        for (const r of regions) {
          const last = spans[spans.length - 1];
          if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
          else spans.push({ start: r.start, end: r.end });
        }
        return { startUs: (startNs(rec, s) - zeroNs) / 1000, endUs: (toFloat(s.endTime) - zeroNs) / 1000, regions, spans };
      });
      windows.sort((a, b) => a.endUs - b.endUs);
      endUs = Math.max(endUs, windows[windows.length - 1].endUs);
      return { windows, cursor: 0 };
    });
    this.durationUs = endUs;
    this.rng = new Prng(opts.seed ?? 1);
  }

  private window(ti: number): ReplayWindow | null {
    const t = this.targets[ti];
    if (!t || this.nowUs > this.durationUs) return null;
    // The window in force: the first whose end is at or after now (windows are end-sorted).
    while (t.cursor < t.windows.length - 1 && t.windows[t.cursor].endUs < this.nowUs) t.cursor++;
    return t.windows[t.cursor];
  }

  vmas(ti: number): AddrRange[] | null {
    const w = this.window(ti);
    return w ? w.spans.map((s) => ({ ...s })) : null;
  }

  targetValid(ti: number): boolean {
    return ti < this.targets.length && this.nowUs <= this.durationUs;
  }

  advanceTo(nowUs: number): void {
    if (nowUs > this.nowUs) this.nowUs = nowUs;
  }

  private regionAt(ti: number, addr: number): { start: number; end: number; p: number } | null {
    const w = this.window(ti);
    if (!w) return null;
    const rs = w.regions;
    let lo = 0;
    let hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid].end <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo < rs.length && rs[lo].start <= addr ? rs[lo] : null;
  }

  accessed(ti: number, addr: number): boolean {
    const r = this.regionAt(ti, addr);
    if (!r || r.p <= 0) return false;
    return r.p >= 1 || this.rng.float() < r.p;
  }

  /** Every recorded page is present, anonymous and mapped; only `young` reflects the record. */
  *pageRuns(ti: number, start: number, end: number): Iterable<PageRun> {
    const w = this.window(ti);
    if (!w) return;
    for (const r of w.regions) {
      const s = Math.max(r.start, start);
      const e = Math.min(r.end, end);
      if (s >= e) continue;
      yield { start: s, end: e, props: { anon: true, active: r.p > 0, memcgId: 0, young: r.p > 0, folioSize: PAGE, mapped: true } };
    }
  }

  /** The record is the truth: actions change nothing; the bytes they cover are reported. */
  applyAction(ti: number, start: number, end: number, _action: DamosActionName, _targetNid: number): number {
    let n = 0;
    for (const run of this.pageRuns(ti, start, end)) n += run.end - run.start;
    return n;
  }

  metric(): number | null {
    return null;
  }
}

/** The per-target records of a file to replay: full-recording records, else all with snapshots. */
export function replayTargetsOf(records: DamonRecord[]): DamonRecord[] {
  const full = records.filter((r) => r.schemeIdx === null && r.snapshots.length > 0);
  return full.length ? full : records.filter((r) => r.snapshots.length > 0);
}
