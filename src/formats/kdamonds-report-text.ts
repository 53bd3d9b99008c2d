// The human-readable kdamonds text of `report damon` and `args damon --format report`
// (spec/control.md §8.1): nested blocks, 4 spaces per level.
import { pyStr } from '../base/py-format.ts';
import { type PyNum, pyCompare, pyMul, toFloat } from '../base/py-num.ts';
import {
  formatAddrRange,
  formatBp,
  formatNr,
  formatPermil,
  formatSz,
  formatSzAccurate,
  formatTimeMs,
  formatTimeNs,
  formatTimeUs,
  formatTimeUsExact,
} from '../base/units.ts';
import {
  type AccessPattern,
  type Context,
  type Filter,
  type Kdamond,
  type Scheme,
  isMigrateAction,
} from '../model/damon-params.ts';
import { intervalsGoalEnabled } from '../model/record.ts';

export interface ReportOptions {
  raw?: boolean;
  /** No state/pid line, statistics or tried regions; quota line without effective size. */
  paramsOnly?: boolean;
  /** Leave out access pattern / quotas / watermarks blocks equal to defaults. */
  omitDefaults?: { accessPattern(s: Scheme): boolean; quotas(s: Scheme): boolean; watermarks(s: Scheme): boolean };
  /** Extra text after `pid: <pid>` (the cpu usage of --show_cpu_usage). */
  stateSuffix?: (k: Kdamond, idx: number) => string;
}

class Lines {
  readonly lines: string[] = [];
  add(level: number, text: string): void {
    this.lines.push(' '.repeat(4 * level) + text);
  }
}

function accessValues(p: AccessPattern, raw: boolean): { acc: (v: PyNum) => string; age: (v: PyNum) => string } {
  return {
    acc: (v) => (p.nrAccessesUnit === 'percent' ? `${formatNr(v, raw)} %` : `${formatNr(v, raw)} samples`),
    age: (v) => (p.ageUnit === 'usec' ? formatTimeUsExact(v, raw) : `${formatNr(v, raw)} aggr_intervals`),
  };
}

export function filterText(f: Filter, raw: boolean): string {
  let text = `${f.allow ? 'allow' : 'reject'}${f.matching ? '' : ' none'} ${f.filterType}`;
  if (f.filterType === 'memcg') text += ` ${f.memcgPath ?? ''}`;
  else if (f.filterType === 'addr' && f.addressRange) text += ` ${formatAddrRange(f.addressRange.start, f.addressRange.end, raw)}`;
  else if (f.filterType === 'target' && f.damonTargetIdx !== null) text += ` ${formatNr(f.damonTargetIdx, raw)}`;
  else if (f.filterType === 'hugepage_size' && f.hugepageSize) {
    text += ` [${formatSz(f.hugepageSize[0], raw)}, ${formatSz(f.hugepageSize[1], raw)}]`;
  }
  return text;
}

function schemeLines(out: Lines, lv: number, s: Scheme, o: ReportOptions): void {
  const raw = o.raw ?? false;
  const per = toFloat(s.applyIntervalUs) === 0 ? 'aggr interval' : formatTimeUs(s.applyIntervalUs, raw);
  const to = isMigrateAction(s.action) ? ` to node ${pyStr(s.targetNid === null ? null : BigInt(s.targetNid))}` : '';
  out.add(lv, `action: ${s.action}${to} per ${per}`);
  if (!o.omitDefaults?.accessPattern(s)) {
    const p = s.accessPattern;
    const { acc, age } = accessValues(p, raw);
    out.add(lv, 'target access pattern');
    out.add(lv + 1, `sz: [${formatSz(p.szBytes.min, raw)}, ${formatSz(p.szBytes.max, raw)}]`);
    out.add(lv + 1, `nr_accesses: [${acc(p.nrAccesses.min)}, ${acc(p.nrAccesses.max)}]`);
    out.add(lv + 1, `age: [${age(p.age.min)}, ${age(p.age.max)}]`);
  }
  for (const d of s.dests) out.add(lv, `dest ${d.id} weight ${d.weight}`);
  if (!o.omitDefaults?.quotas(s)) {
    const q = s.quotas;
    out.add(lv, 'quotas');
    const time = formatTimeNs(pyMul(q.timeMs, 1000000n), raw);
    const eff = o.paramsOnly ? '' : ` / ${formatSz(q.effectiveSzBytes, raw)}`;
    out.add(lv + 1, `${time} / ${formatSz(q.szBytes, raw)}${eff} per ${formatTimeMs(q.resetIntervalMs, raw)}`);
    if (toFloat(q.failChargeDenom) !== 0 || toFloat(q.failChargeNum) !== 0) {
      out.add(lv + 1, `fail charge ratio: ${formatNr(q.failChargeNum, raw)}/${formatNr(q.failChargeDenom, raw)}/`);
    }
    q.goals.forEach((g, i) => {
      let where = '';
      if (g.nid !== null) where = g.memcgPath !== null ? ` (nid ${formatNr(g.nid, raw)}, memcg ${g.memcgPath})` : ` (nid ${formatNr(g.nid, raw)})`;
      out.add(lv + 1, `goal ${i}: metric ${g.metric}${where} target ${formatNr(g.targetValue, raw)} current ${formatNr(g.currentValue, raw)}`);
    });
    if (q.goalTuner !== 'consist') out.add(lv + 1, `goal tuner: ${q.goalTuner}`);
    const w = q.weights;
    out.add(
      lv + 1,
      `priority: sz ${formatPermil(toFloat(w.szPermil), raw)}, nr_accesses ${formatPermil(toFloat(w.nrAccessesPermil), raw)}, age ${formatPermil(toFloat(w.agePermil), raw)}`,
    );
  }
  if (!o.omitDefaults?.watermarks(s)) {
    const w = s.watermarks;
    out.add(lv, 'watermarks');
    out.add(lv + 1, `metric ${w.metric}, interval ${formatTimeUsExact(w.intervalUs, raw)}`);
    out.add(
      lv + 1,
      `${formatPermil(toFloat(w.highPermil), raw)}, ${formatPermil(toFloat(w.midPermil), raw)}, ${formatPermil(toFloat(w.lowPermil), raw)}`,
    );
  }
  s.filters.forEach((f, i) => {
    out.add(lv, `filter ${i}`);
    out.add(lv + 1, filterText(f, raw));
  });
  if (o.paramsOnly) return;
  if (s.stats) {
    const st = s.stats;
    out.add(lv, 'statistics');
    out.add(lv + 1, `tried ${formatNr(st.nrTried, raw)} times (${formatSz(st.szTried, raw)})`);
    out.add(lv + 1, `applied ${formatNr(st.nrApplied, raw)} times (${formatSz(st.szApplied, raw)})`);
    out.add(lv + 1, `${formatSz(st.szOpsFilterPassed, raw)} passed filters`);
    out.add(lv + 1, `quota exceeded ${formatNr(st.qtExceeds, raw)} times`);
    // Upstream prints the filter-passed size a second time; kept for byte compatibility.
    out.add(lv + 1, formatSz(st.szOpsFilterPassed, raw));
    out.add(lv + 1, `tried ${formatNr(st.nrSnapshots, raw)} snapshots (max ${formatNr(st.maxNrSnapshots, raw)})`);
  }
  if (s.triedRegions !== null) {
    out.add(lv, `tried regions (${formatSz(s.triedBytes ?? 0n, raw)})`);
    for (const r of s.triedRegions) {
      const hits = r.probeHits.length > 0 ? `, probe_hits: ${r.probeHits.map((h) => formatNr(h, raw)).join(', ')}` : '';
      out.add(
        lv + 1,
        `${formatAddrRange(r.start, r.end, raw)}: nr_accesses: ${formatNr(r.nrAccesses?.samples ?? 0, raw)} samples, age: ${formatNr(r.age?.aggrIntervals ?? 0, raw)} aggr_intervals${hits}, filter_passed: ${formatSz(r.szFilterPassed ?? 0, raw)}`,
      );
    }
  }
}

function contextLines(out: Lines, lv: number, c: Context, o: ReportOptions): void {
  const raw = o.raw ?? false;
  const unit = pyCompare(c.addrUnit, 1n) !== 0 ? ` addr_unit ${formatSzAccurate(c.addrUnit, raw)}` : '';
  out.add(lv, `ops: ${c.ops}${unit}`);
  if (c.pause) out.add(lv, 'pause: True');
  c.targets.forEach((t, i) => {
    out.add(lv, `target ${i}`);
    if (t.pid !== null) out.add(lv + 1, `pid: ${t.pid}`);
    if (t.obsolete) out.add(lv + 1, '(obsolete)');
    for (const r of t.regions) out.add(lv + 1, `region ${formatAddrRange(r.start, r.end, raw)}`);
  });
  const iv = c.intervals;
  const three = `sample ${formatTimeUs(iv.sampleUs, raw)}, aggr ${formatTimeUs(iv.aggrUs, raw)}, update ${formatTimeUs(iv.opsUpdateUs, raw)}`;
  if (intervalsGoalEnabled(iv.goal)) {
    out.add(lv, 'intervals');
    out.add(lv + 1, three);
    out.add(
      lv + 1,
      `target ${formatBp(toFloat(iv.goal.accessBp), raw)} accesses per ${formatNr(iv.goal.aggrs, raw)} aggrs, [${formatTimeUs(iv.goal.minSampleUs, raw)}, ${formatTimeUs(iv.goal.maxSampleUs, raw)}] sampling interval`,
    );
  } else {
    out.add(lv, `intervals: ${three}`);
  }
  out.add(lv, `nr_regions: [${formatNr(c.nrRegions.min, raw)}, ${formatNr(c.nrRegions.max, raw)}]`);
  c.schemes.forEach((s, i) => {
    out.add(lv, `scheme ${i}`);
    schemeLines(out, lv + 1, s, o);
  });
  out.add(lv, 'access sample control');
  const prims = c.sampleControl.primitivesEnabled;
  const enabled = [prims.pageTable ? 'page_table' : null, prims.pageFault ? 'page_fault' : null].filter((x) => x !== null);
  out.add(lv, `enabled primitives: ${enabled.join(', ')}`);
  if (c.sampleControl.sampleFilters.length > 0) {
    out.add(lv, 'Filters');
    for (const f of c.sampleControl.sampleFilters) {
      out.add(lv, `- ${f.allow ? 'allow' : 'reject'}${f.matching ? '' : ' none'} ${f.filterType}`);
    }
  }
}

/** The text, without a final newline (empty for no kdamonds). */
export function kdamondsReportText(ks: Kdamond[], o: ReportOptions = {}): string {
  const out = new Lines();
  const raw = o.raw ?? false;
  ks.forEach((k, i) => {
    out.add(0, `kdamond ${i}`);
    if (!o.paramsOnly && k.state !== null) {
      let line = `state: ${k.state ?? 'off'}, pid: ${k.pid ?? 'None'}`;
      if (toFloat(k.refreshMs) !== 0) line += `, stats refresh per: ${formatTimeMs(k.refreshMs, raw)}`;
      line += o.stateSuffix?.(k, i) ?? '';
      out.add(1, line);
    }
    k.contexts.forEach((c, ci) => {
      out.add(1, `context ${ci}`);
      contextLines(out, 2, c, o);
    });
  });
  return out.lines.join('\n');
}
