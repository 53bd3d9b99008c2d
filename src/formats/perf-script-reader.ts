// Reads `perf script` / `trace-cmd report` text of DAMON tracepoints into records, with
// upstream's line grammar and snapshot grouping (spec/records.md §3.4.2-3.4.3). Upstream
// crashes and data losses are fixed (docs/compatibility.md, "Record files").
import { type PyNum, pySub, toFloat } from '../base/py-num.ts';
import { type DamonRecord, type Intervals, type Region, type Snapshot, sumRegionSizes } from '../model/record.ts';

/** A record-file problem found at a line of the trace text. */
export class TraceParseError extends Error {
  constructor(
    readonly lineNo: number,
    readonly problem: string,
  ) {
    super(lineNo > 0 ? `line ${lineNo}: ${problem}` : problem);
    this.name = 'TraceParseError';
  }
}

interface RegionEvent {
  endTime: bigint;
  targetId: bigint | null;
  nrRegions: number;
  region: Region;
}

const AGGREGATED = new Set(['damon:damon_aggregated:', 'damon_aggregated:']);
const BEFORE_APPLY = new Set(['damon:damos_before_apply:', 'damos_before_apply:']);
const TUNE = new Set(['damon:damon_monitor_intervals_tune:', 'damon_monitor_intervals_tune:']);

/**
 * Normalises a line the way upstream's trace-cmd tokeniser does (for perf lines too):
 * [timestamp + ':', event + ':', ...event fields]; null for lines that are not events.
 */
export function traceFields(line: string): string[] | null {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 4) return null;
  const tsIdx = fields[2].endsWith(':') ? 2 : 3;
  // upstream raises IndexError here on 4-token lines such as trace-cmd's "CPU 1 is empty"
  if (fields.length <= tsIdx + 1) return null;
  const ts = fields[tsIdx].slice(0, -1);
  const event = ('damon:' + fields[tsIdx + 1].slice(0, -1)).slice(6);
  return [ts + ':', event + ':', ...fields.slice(tsIdx + 2)];
}

function intOf(text: string | undefined, what: string, lineNo: number, allowNone = false): bigint | null {
  if (text !== undefined && /^[+-]?\d+$/.test(text)) return BigInt(text);
  // upstream's own perf_script writer puts 'None' for unknown values (§3.4.4)
  if (allowNone && text === 'None') return null;
  throw new TraceParseError(lineNo, `cannot read '${text ?? ''}' as ${what}`);
}

function valueAfterEq(field: string, name: string, lineNo: number, allowNone = false): bigint | null {
  const eq = field.indexOf('=');
  return intOf(eq < 0 ? undefined : field.slice(eq + 1).split('=')[0], name, lineNo, allowNone);
}

/** ns from a seconds timestamp, as Python's int(float(ts) * 1e9): double multiply, truncate. */
export function traceTimeToNs(ts: string, lineNo: number): bigint {
  const sec = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(ts) ? Number(ts) : NaN;
  if (!Number.isFinite(sec)) throw new TraceParseError(lineNo, `cannot read '${ts}' as a timestamp`);
  return BigInt(Math.trunc(sec * 1e9));
}

function regionEvent(f: string[], lineNo: number, beforeApply: boolean): RegionEvent {
  // damon_aggregated: ts ev target_id= nr_regions= s-e: nr [age]
  // damos_before_apply: ts ev ctx_idx= scheme_idx= target_idx= nr_regions= s-e: nr age
  const o = beforeApply ? 2 : 0;
  const range = f[4 + o].endsWith(':') ? f[4 + o].slice(0, -1) : f[4 + o];
  const [s, e, extra] = range.split('-');
  if (e === undefined || extra !== undefined) throw new TraceParseError(lineNo, `cannot read '${f[4 + o]}' as an address range`);
  const ageText = f[6 + o];
  const age = ageText === undefined ? null : intOf(ageText, 'an age', lineNo, true);
  const nrRegions = valueAfterEq(f[3 + o], 'nr_regions', lineNo) as bigint;
  return {
    endTime: traceTimeToNs(f[0].slice(0, -1), lineNo),
    targetId: valueAfterEq(f[2 + o], beforeApply ? 'target_idx' : 'target_id', lineNo, true),
    nrRegions: Number(nrRegions),
    region: {
      start: intOf(s, 'an address', lineNo) as bigint,
      end: intOf(e, 'an address', lineNo) as bigint,
      nrAccesses: { samples: Number(intOf(f[5 + o], 'nr_accesses', lineNo)), percent: null },
      age: { usec: null, aggrIntervals: age },
      probeHits: [],
      szFilterPassed: 0n,
    },
  };
}

/** Default aggregation interval (µs) for estimating the length of a lone snapshot. */
const DEFAULT_AGGR_US = 100000n;

/** Groups region events into records and snapshots, one line at a time. */
export class TraceRecordsBuilder {
  private readonly records: DamonRecord[] = [];
  private readonly byTarget = new Map<bigint | null, DamonRecord>();
  private open: { record: DamonRecord; snapshot: Snapshot } | null = null;
  private sampleUs: PyNum | null = null;
  private lineNo = 0;

  constructor(private readonly intervals: Intervals | null = null) {}

  addLine(line: string): void {
    this.lineNo++;
    const f = traceFields(line);
    if (!f) return;
    const event = f[1];
    if (TUNE.has(event)) {
      // upstream drops this value (its variable is overwritten by the next line, §3.4.3)
      if (f.length === 3) this.sampleUs = valueAfterEq(f[2], 'sample_us', this.lineNo);
      return;
    }
    let ev: RegionEvent;
    if (AGGREGATED.has(event) && (f.length === 6 || f.length === 7)) ev = regionEvent(f, this.lineNo, false);
    else if (BEFORE_APPLY.has(event) && f.length === 9) ev = regionEvent(f, this.lineNo, true);
    else return;
    this.addRegion(ev);
  }

  private addRegion(ev: RegionEvent): void {
    let record = this.byTarget.get(ev.targetId);
    if (!record) {
      record = {
        kdamondIdx: null,
        contextIdx: null,
        intervals: this.intervals,
        schemeIdx: null,
        targetId: ev.targetId,
        schemeFilters: [],
        snapshots: [],
        dataSource: 'unknown',
      };
      this.records.push(record);
      this.byTarget.set(ev.targetId, record);
    }
    const last = record.snapshots.at(-1);
    if (last && toFloat(pySub(last.endTime, ev.endTime)) > 0) {
      throw new TraceParseError(this.lineNo, 'trace is not time-sorted');
    }
    // An open snapshot of another target is closed (upstream would append to the wrong
    // record, or crash, when targets interleave, e.g. damos_before_apply short counts).
    if (this.open && this.open.record !== record) this.open = null;
    if (!this.open) {
      const snapshot: Snapshot = {
        startTime: last ? last.endTime : (null as unknown as PyNum), // estimated in finish()
        endTime: ev.endTime,
        regions: [],
        totalBytes: 0n,
        damosStats: null,
        sampleIntervalUs: this.sampleUs,
      };
      record.snapshots.push(snapshot);
      this.open = { record, snapshot };
    }
    this.open.snapshot.regions.push(ev.region);
    if (this.open.snapshot.regions.length === ev.nrRegions) this.open = null;
  }

  /** Ends the input: totals, first start times, fake-snapshot removal (§3.4.3). */
  finish(): DamonRecord[] {
    for (const r of this.records) for (const s of r.snapshots) s.totalBytes = sumRegionSizes(s.regions);
    for (const r of this.records) estimateFirstStart(r, DEFAULT_AGGR_US);
    return this.records;
  }
}

function isFakeSnapshot(s: Snapshot): boolean {
  if (s.regions.length !== 1) return false;
  const [r] = s.regions;
  return r.start === 0n && r.end === 0n && r.nrAccesses?.samples === -1 && r.age !== null && r.age.aggrIntervals === -1n;
}

/**
 * The first snapshot's start is unknown in traces: upstream takes the mean snapshot
 * length (a float), then drops the fake snapshot damo's writer adds to one-snapshot
 * records. Upstream stops at the first record with fewer than two snapshots, leaving the
 * rest unset; here every record gets one, and a lone snapshot lasts one aggregation
 * interval (the record's, else DAMON's default 100 ms).
 */
export function estimateFirstStart(r: DamonRecord, defaultAggrUs: bigint): void {
  const n = r.snapshots.length;
  if (n === 0) return;
  const first = r.snapshots[0];
  if (n >= 2) {
    const last = r.snapshots[n - 1];
    const snapshotTime = toFloat(pySub(last.endTime, first.endTime)) / (n - 1);
    first.startTime = toFloat(first.endTime) - snapshotTime;
    if (isFakeSnapshot(last)) r.snapshots.pop();
    return;
  }
  if (first.startTime === null) {
    const aggrUs = r.intervals ? r.intervals.aggrUs : defaultAggrUs;
    first.startTime = pySub(first.endTime, typeof aggrUs === 'bigint' ? aggrUs * 1000n : aggrUs * 1000);
  }
}

/** Parses a whole trace text (tests and small inputs). */
export function parseTraceText(text: string, intervals: Intervals | null = null): DamonRecord[] {
  const b = new TraceRecordsBuilder(intervals);
  for (const line of text.split('\n')) b.addLine(line);
  return b.finish();
}

/** Feeds text chunks to a builder line by line (a line may span chunks). */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  write(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.onLine(l);
  }
  end(): void {
    if (this.rest) this.onLine(this.rest);
    this.rest = '';
  }
}

