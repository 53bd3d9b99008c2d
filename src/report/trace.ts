// `report trace`: DAMON tracepoint lines (perf script or trace-cmd report text, as in
// spec/records.md §3.4.2) shown one event per line as `<ts> <proc> <event> <text>`,
// with sizes made readable and long lines wrapped (spec/reports.md §16).
import { formatSzAccurate } from '../base/units.ts';

export interface TraceEvent {
  /** Seconds, as printed by the tracer. */
  ts: string;
  /** `comm/pid`. */
  proc: string;
  /** Always with the `damon:` system prefix. */
  event: string;
  fields: string[];
  line: string;
}

/** The event of one tracer line, or null for anything else (headers, comments, `CPU 1 is empty`). */
export function parseTraceLine(line: string): TraceEvent | null {
  const f = line.trim().split(/\s+/);
  if (f.length < 4) return null;
  const tsIdx = f[2].endsWith(':') ? 2 : 3;
  const ts = f[tsIdx];
  const ev = f[tsIdx + 1];
  if (ts === undefined || ev === undefined || !/^\d+(\.\d+)?:$/.test(ts) || !ev.endsWith(':')) return null;
  let proc: string;
  if (f[1].startsWith('[')) {
    // trace-cmd: comm-pid [cpu]
    const dash = f[0].lastIndexOf('-');
    proc = dash > 0 ? `${f[0].slice(0, dash)}/${f[0].slice(dash + 1)}` : f[0];
  } else proc = `${f[0]}/${f[1]}`;
  const name = ev.slice(0, -1);
  return { ts: ts.slice(0, -1), proc, event: name.includes(':') ? name : `damon:${name}`, fields: f.slice(tsIdx + 2), line };
}

function valueOf(fields: string[], key: string): string | undefined {
  const f = fields.find((x) => x.startsWith(`${key}=`));
  return f?.slice(key.length + 1);
}

function isInt(s: string | undefined): s is string {
  return s !== undefined && /^\d+$/.test(s);
}

/** `start-end:` of a region field as [start, size], or null. */
function rangeOf(field: string | undefined): [bigint, bigint] | null {
  const m = field === undefined ? null : /^(\d+)-(\d+):$/.exec(field);
  if (!m) return null;
  return [BigInt(m[1]), BigInt(m[2]) - BigInt(m[1])];
}

function hexToDecimal(text: string): string {
  return text.replace(/0x[0-9a-fA-F]+/g, (h) => BigInt(h).toString());
}

const STAT_KEYS = ['ctx_idx', 'scheme_idx', 'nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'sz_ops_filter_passed', 'qt_exceeds', 'nr_snapshots'];

/** Formats events in order; remembers each target's position within its snapshot. */
export class TraceFormatter {
  private readonly regionIdx = new Map<string, number>();

  /** The event's text (without wrapping). */
  format(ev: TraceEvent): string {
    return `${ev.ts} ${ev.proc} ${ev.event} ${this.text(ev)}`.trimEnd();
  }

  private text(ev: TraceEvent): string {
    const f = ev.fields;
    switch (ev.event) {
      case 'damon:damon_aggregated':
      case 'damon:damon_region_aggregated': {
        const tid = valueOf(f, 'target_id');
        const nr = valueOf(f, 'nr_regions');
        const rangeAt = f.findIndex((x) => rangeOf(x) !== null);
        const range = rangeOf(f[rangeAt]);
        if (!isInt(tid) || !isInt(nr) || range === null) break;
        const rest = f.slice(rangeAt + 1);
        const nrAcc = rest[0] ?? '-1';
        const age = isInt(rest[1]) ? rest[1] : '-1';
        const idx = this.nextIndex(tid, Number(nr));
        let text = `${tid} ${idx}/${nr} ${formatSzAccurate(range[0])} (${formatSzAccurate(range[1])}) ${nrAcc} ${age}`;
        if (ev.event === 'damon:damon_region_aggregated') {
          const extra = rest.slice(isInt(rest[1]) ? 2 : 1).map((x) => hexToDecimal(x.replace(/^probe_hits=/, '')));
          if (extra.length > 0) text += ` ${extra.join(' ')}`;
        }
        return text;
      }
      case 'damon:damos_before_apply': {
        const range = rangeOf(f[4]);
        if (f.length < 7 || range === null) break;
        const [ctx, scheme, target, nr] = ['ctx_idx', 'scheme_idx', 'target_idx', 'nr_regions'].map((k) => valueOf(f, k) ?? '-1');
        return `${ctx} ${scheme} ${target} ${nr} ${formatSzAccurate(range[0])} (${formatSzAccurate(range[1])}) ${f[5]} ${f[6] ?? '-1'}`;
      }
      case 'damon:damos_stat_after_apply_interval':
        return STAT_KEYS.map((k) => valueOf(f, k) ?? '-1').join(' ');
    }
    return f.join(' ');
  }

  private nextIndex(targetId: string, nrRegions: number): number {
    const idx = this.regionIdx.get(targetId) ?? 0;
    this.regionIdx.set(targetId, idx + 1 >= nrRegions ? 0 : idx + 1);
    return idx;
  }
}

/**
 * Packs the words of a line greedily into lines of at most `maxCols` characters
 * (a longer word stays whole); continuation lines start with three spaces.
 */
export function wrapLine(line: string, maxCols: number): string {
  if (line.length <= maxCols) return line;
  const words = line.split(' ');
  const out: string[] = [];
  let cur = words[0];
  for (const w of words.slice(1)) {
    if (cur.length + 1 + w.length > maxCols) {
      out.push(cur);
      cur = `  ${' '}${w}`;
    } else cur += ` ${w}`;
  }
  out.push(cur);
  return out.join('\n');
}

/** Header lines of damo's own saved trace output, which carry no event. */
export function isTraceOutputHeader(line: string): boolean {
  return line.startsWith('damo_report_trace_output_');
}
