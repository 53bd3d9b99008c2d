// DAMOS in the engine: access-pattern matching, quotas with score-histogram
// prioritisation and goals, charge resumption, core/ops filters, actions through the
// access source, stats and tried-regions walks (spec/damon-core.md §8, §9).
import type { DamosStats } from '../model/record.ts';
import type { AccessSource, PageProps } from './access-source.ts';
import type { EngineFilter, EngineOps, EngineScheme } from './config.ts';
import { nextInput } from './feedback.ts';
import { alignDown, type EngineRegion, type EngineTargetState } from './regions.ts';
import { regionScore, scoreKindOf } from './scores.ts';

/** The kernel's per-scheme counters; the snapshot counters are damo's, not the engine's. */
export type DamosStatsState = Omit<DamosStats, 'nrSnapshots' | 'maxNrSnapshots'>;

export interface TriedRegion {
  targetIdx: number;
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
  szFilterPassed: number;
}

const U64_MAX_BIG = (1n << 64n) - 1n;
const NO_LIMIT = 18446744073709551615;

/** Runtime state of one scheme: the kernel's private damos/damos_quota fields. */
export class SchemeState {
  stats: DamosStatsState = { nrTried: 0n, szTried: 0n, nrApplied: 0n, szApplied: 0n, szOpsFilterPassed: 0n, qtExceeds: 0n };
  nextApplySis = 0;
  activated = true;
  /** Effective size quota; 0 = no limit. */
  esz = 0;
  eszBp = 0n;
  chargedSz = 0;
  totalChargedSz = 0n;
  totalChargedNs = 0n;
  chargedFromMs = 0;
  windowStarted = false;
  minScore = 0;
  chargeTargetFrom: number | null = null;
  chargeAddrFrom = 0;
  coreFiltersAllowed = false;
  coreDefaultReject = false;
  opsDefaultReject = false;
  coreFilters: EngineFilter[] = [];
  opsFilters: EngineFilter[] = [];
  /** The tried-regions walk: null when none is pending for this scheme. */
  walk: TriedRegion[] | null = null;
  walkCompleted = false;

  constructor(public scheme: EngineScheme) {
    this.commit(scheme);
  }

  /** Takes new parameters, keeping runtime state (damos_commit). */
  commit(scheme: EngineScheme): void {
    this.scheme = scheme;
    this.activated = true;
    this.coreFilters = scheme.filters.filter((f) => f.type === 'addr' || f.type === 'target');
    this.opsFilters = scheme.filters.filter((f) => f.type !== 'addr' && f.type !== 'target');
    const lastAllow = (fs: EngineFilter[]): boolean => (fs.length ? fs[fs.length - 1].allow : false);
    this.opsDefaultReject = lastAllow(this.opsFilters);
    this.coreDefaultReject = this.opsFilters.length ? false : lastAllow(this.coreFilters);
  }

  get hasQuota(): boolean {
    const q = this.scheme.quota;
    return q.ms !== 0 || q.sz !== 0 || q.goals.length !== 0;
  }
}

/** What DAMOS needs from the running context. */
export interface DamosContext {
  ops: EngineOps;
  minRegion: number;
  maxNrAccesses: number;
  aggrUs: number;
  nowMs: number;
  source: AccessSource;
  /** Modelled cost of applying an action, ns per byte tried (the kernel measures it). */
  applyNsPerByte: number;
}

/** damos_wmark_wait_us: updates activation; returns µs to wait (0 = go on). */
export function watermarkWaitUs(st: SchemeState, source: AccessSource): number {
  const w = st.scheme.wmarks;
  if (w.metric === 'none') return 0;
  const m = source.metric('free_mem_rate', -1);
  if (m === null) return 0;
  if (m > w.high || m < w.low) {
    st.activated = false;
    return w.intervalUs;
  }
  if (!st.activated && m >= w.mid && m <= w.high) return w.intervalUs;
  st.activated = true;
  return 0;
}

function goalCurrentValue(st: SchemeState, i: number, source: AccessSource): number {
  const g = st.scheme.quota.goals[i];
  switch (g.metric) {
    case 'user_input':
      return g.currentValue;
    case 'node_mem_used_bp':
    case 'node_mem_free_bp':
    case 'some_mem_psi_us':
      return source.metric(g.metric, g.nid) ?? 0;
    case 'node_memcg_free_bp':
      return 10000; // the simulated world has no memcgs: a missing memcg counts as all free
    default:
      return 0;
  }
}

function setEffectiveQuota(st: SchemeState, ctx: DamosContext): void {
  const q = st.scheme.quota;
  if (q.ms === 0 && q.goals.length === 0) {
    st.esz = q.sz;
    return;
  }
  let esz = U64_MAX_BIG;
  if (q.goals.length) {
    let score = 0n;
    q.goals.forEach((g, i) => {
      if (g.targetValue === 0) return;
      const s = (BigInt(Math.max(0, Math.floor(goalCurrentValue(st, i, ctx.source)))) * 10000n) / BigInt(g.targetValue);
      if (s > score) score = s;
    });
    st.eszBp = nextInput(st.eszBp > 10000n ? st.eszBp : 10000n, score);
    esz = st.eszBp / 10000n;
  }
  if (q.ms !== 0) {
    const throughput = st.totalChargedNs
      ? (st.totalChargedSz * 1000000n) / st.totalChargedNs
      : 4096n * 1024n;
    const timeEsz = throughput * BigInt(q.ms);
    if (timeEsz < esz) esz = timeEsz;
    // The 6.18.y stable floor: a time quota below one region would stall the scheme.
    if (esz < BigInt(ctx.minRegion)) esz = BigInt(ctx.minRegion);
  }
  if (q.sz !== 0 && BigInt(q.sz) < esz) esz = BigInt(q.sz);
  st.esz = esz >= U64_MAX_BIG ? NO_LIMIT : Number(esz);
}

function patternMatches(st: SchemeState, r: EngineRegion): boolean {
  const p = st.scheme.pattern;
  const nr = Math.floor(r.nrAccessesBp / 10000);
  const sz = r.size;
  return (
    p.minSz <= sz && sz <= p.maxSz && p.minNrAccesses <= nr && nr <= p.maxNrAccesses && p.minAge <= r.age && r.age <= p.maxAge
  );
}

function score(st: SchemeState, r: EngineRegion, ctx: DamosContext): number {
  return regionScore(scoreKindOf(ctx.ops, st.scheme.action), r, st.scheme.quota, ctx.maxNrAccesses, ctx.aggrUs);
}

/** damos_adjust_quota: charge windows, effective quota, and the score threshold. */
export function adjustQuota(st: SchemeState, targets: EngineTargetState[], ctx: DamosContext): void {
  if (!st.hasQuota) return;
  const q = st.scheme.quota;
  if (!st.windowStarted) {
    st.windowStarted = true;
    st.chargedFromMs = ctx.nowMs;
    setEffectiveQuota(st, ctx);
  }
  if (ctx.nowMs >= st.chargedFromMs + q.resetIntervalMs) {
    if (st.esz !== 0 && st.chargedSz >= st.esz) st.stats.qtExceeds += 1n;
    st.totalChargedSz += BigInt(st.chargedSz);
    st.chargedFromMs = ctx.nowMs;
    st.chargedSz = 0;
    setEffectiveQuota(st, ctx);
  }
  const hist = new Array<number>(100).fill(0);
  let maxScore = 0;
  for (const t of targets)
    for (const r of t.regions) {
      if (!patternMatches(st, r)) continue;
      const sc = score(st, r, ctx);
      hist[sc] += r.size;
      if (sc > maxScore) maxScore = sc;
    }
  let cum = 0;
  let sc = maxScore;
  for (; sc >= 0; sc--) {
    cum += hist[sc];
    if (cum >= st.esz || sc === 0) break;
  }
  st.minScore = Math.max(sc, 0);
}

function validTarget(st: SchemeState, r: EngineRegion, ctx: DamosContext): boolean {
  if (!patternMatches(st, r)) return false;
  if (st.esz !== 0) return score(st, r, ctx) >= st.minScore;
  return true;
}

/** Region list cursor: splits insert after the current region and are not revisited. */
interface Cursor {
  regions: EngineRegion[];
  idx: number;
  inserted: number;
}

function splitCurrent(c: Cursor, sz: number): EngineRegion {
  const right = c.regions[c.idx].splitAt(sz);
  c.regions.splice(c.idx + 1, 0, right);
  c.inserted++;
  return right;
}

/** damos_skip_charged_region: true to skip; may move the cursor to a split-off right part. */
function skipChargedRegion(st: SchemeState, ti: number, c: Cursor, ctx: DamosContext): boolean {
  if (st.chargeTargetFrom === null) return false;
  if (ti !== st.chargeTargetFrom) return true;
  const r = c.regions[c.idx];
  if (c.idx === c.regions.length - 1) {
    st.chargeTargetFrom = null;
    st.chargeAddrFrom = 0;
    return true;
  }
  const from = st.chargeAddrFrom;
  if (from && r.end <= from) return true;
  if (from && r.start < from) {
    let cut = alignDown(from - r.start, ctx.minRegion);
    if (cut === 0) {
      if (r.size <= ctx.minRegion) return true;
      cut = ctx.minRegion;
    }
    splitCurrent(c, cut);
    c.idx++;
    c.inserted--; // the right part is the region being processed now, not a skipped one
  }
  st.chargeTargetFrom = null;
  st.chargeAddrFrom = 0;
  return false;
}

/** damos_filter_out for core filters (addr, target); may split the current region. */
function coreFilterOut(st: SchemeState, ti: number, c: Cursor, ctx: DamosContext): boolean {
  st.coreFiltersAllowed = false;
  for (const f of st.coreFilters) {
    let cond: boolean;
    const r = c.regions[c.idx];
    if (f.type === 'target') {
      cond = ti === f.targetIdx;
    } else {
      const s = alignDown(f.addrStart ?? 0, ctx.minRegion);
      const e = alignDown(f.addrEnd ?? 0, ctx.minRegion);
      if (s <= r.start && r.end <= e) cond = true;
      else if (r.end <= s || e <= r.start) cond = false;
      else if (r.start < s) {
        splitCurrent(c, s - r.start);
        cond = false;
      } else {
        splitCurrent(c, e - r.start);
        cond = true;
      }
    }
    if (cond === f.matching) {
      if (f.allow) st.coreFiltersAllowed = true;
      return !f.allow;
    }
  }
  return st.coreDefaultReject;
}

function opsFilterMatches(f: EngineFilter, p: PageProps): boolean {
  let cond: boolean;
  switch (f.type) {
    case 'anon':
      cond = p.anon;
      break;
    case 'active':
      cond = p.active;
      break;
    case 'memcg':
      cond = p.memcgId !== 0 && p.memcgId === f.memcgId;
      break;
    case 'young':
      cond = p.young;
      break;
    case 'hugepage_size':
      cond = (f.minSz ?? 0) <= p.folioSize && p.folioSize <= (f.maxSz ?? 0);
      break;
    case 'unmapped':
      cond = !p.mapped;
      break;
    default:
      cond = false;
  }
  return cond === f.matching;
}

function opsFilterOut(st: SchemeState, filters: EngineFilter[], p: PageProps): boolean {
  if (st.coreFiltersAllowed) return false;
  for (const f of filters) if (opsFilterMatches(f, p)) return !f.allow;
  return st.opsDefaultReject;
}

/** ops.apply_scheme: what vaddr/fvaddr/paddr do per action (spec §8.4). */
function opsApply(st: SchemeState, ti: number, r: EngineRegion, ctx: DamosContext): { applied: number; passed: number } {
  const action = st.scheme.action;
  const src = ctx.source;
  const walk = (filters: EngineFilter[], apply: boolean): { applied: number; passed: number } => {
    let applied = 0;
    let passed = 0;
    for (const run of src.pageRuns(ti, r.start, r.end)) {
      if (opsFilterOut(st, filters, run.props)) continue;
      passed += run.end - run.start;
      if (apply) applied += src.applyAction(ti, run.start, run.end, action, st.scheme.targetNid);
    }
    return { applied, passed };
  };
  if (action === 'stat') {
    if (st.opsFilters.length === 0) return { applied: 0, passed: 0 };
    return { applied: 0, passed: walk(st.opsFilters, false).passed };
  }
  if (ctx.ops !== 'paddr') {
    switch (action) {
      case 'willneed':
      case 'cold':
      case 'pageout':
      case 'hugepage':
      case 'nohugepage':
        // madvise(): reports the whole range on success, ops filters not consulted.
        src.applyAction(ti, r.start, r.end, action, st.scheme.targetNid);
        return { applied: r.size, passed: 0 };
      case 'migrate_hot':
      case 'migrate_cold':
        return walk(st.opsFilters, true);
      default:
        return { applied: 0, passed: 0 };
    }
  }
  switch (action) {
    case 'pageout': {
      const hasYoung = st.opsFilters.some((f) => f.type === 'young');
      const filters = hasYoung ? st.opsFilters : [...st.opsFilters, { type: 'young', matching: true, allow: false } as EngineFilter];
      return walk(filters, true);
    }
    case 'lru_prio':
    case 'lru_deprio':
    case 'migrate_hot':
    case 'migrate_cold':
      return walk(st.opsFilters, true);
    default:
      return { applied: 0, passed: 0 };
  }
}

function updateStat(st: SchemeState, sz: number, applied: number, passed: number): void {
  st.stats.nrTried += 1n;
  st.stats.szTried += BigInt(sz);
  if (applied > 0) st.stats.nrApplied += 1n;
  st.stats.szApplied += BigInt(applied);
  st.stats.szOpsFilterPassed += BigInt(passed);
}

/** damos_apply_scheme for the cursor's region. */
function applyScheme(st: SchemeState, ti: number, c: Cursor, ctx: DamosContext): void {
  let r = c.regions[c.idx];
  let sz = r.size;
  if (st.esz !== 0 && st.chargedSz + sz > st.esz) {
    sz = alignDown(st.esz - st.chargedSz, ctx.minRegion);
    if (sz === 0) {
      updateStat(st, 0, 0, 0);
      return;
    }
    splitCurrent(c, sz);
  }
  if (coreFilterOut(st, ti, c, ctx)) return;
  r = c.regions[c.idx];
  sz = r.size;
  const { applied, passed } = opsApply(st, ti, r, ctx);
  if (st.walk !== null && !st.walkCompleted)
    st.walk.push({
      targetIdx: ti,
      start: r.start,
      end: r.end,
      nrAccesses: Math.floor(r.nrAccessesBp / 10000),
      age: r.age,
      szFilterPassed: passed,
    });
  st.totalChargedNs += BigInt(Math.round(sz * ctx.applyNsPerByte));
  st.chargedSz += sz;
  if (st.esz !== 0 && st.chargedSz >= st.esz) {
    st.chargeTargetFrom = ti;
    st.chargeAddrFrom = r.end + 1;
  }
  if (st.scheme.action !== 'stat') r.age = 0;
  updateStat(st, sz, applied, passed);
}

/** kdamond_apply_schemes' region walk for the schemes due now (already quota-adjusted). */
export function applySchemesToTargets(
  schemes: SchemeState[],
  due: boolean[],
  targets: EngineTargetState[],
  ctx: DamosContext,
): void {
  targets.forEach((t, ti) => {
    const c: Cursor = { regions: t.regions, idx: 0, inserted: 0 };
    let i = 0;
    while (i < c.regions.length) {
      c.idx = i;
      c.inserted = 0;
      schemes.forEach((st, si) => {
        if (!due[si] || !st.activated) return;
        if (st.esz !== 0 && st.chargedSz >= st.esz) return;
        if (skipChargedRegion(st, ti, c, ctx)) return;
        if (!validTarget(st, c.regions[c.idx], ctx)) return;
        applyScheme(st, ti, c, ctx);
      });
      i = c.idx + 1 + c.inserted;
    }
  });
}
