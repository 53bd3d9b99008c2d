// The user-space DAMON engine: the kdamond main loop on a virtual clock (spec/damon-core.md
// §2), sampling and pseudo moving sums (§3), regions adjustment (§4, §5), attrs changes (§6),
// intervals tuning (§7) and DAMOS (§8, §9). Deterministic for a given seed and source.
import { UserError } from '../base/user-error.ts';
import type { AccessSource } from './access-source.ts';
import { type EngineAttrs, type EngineConfig, type EngineScheme, PAGE_SIZE, validateAttrs } from './config.ts';
import { adjustQuota, applySchemesToTargets, type DamosContext, SchemeState, type TriedRegion, watermarkWaitUs } from './damos.ts';
import { tunedAttrs } from './intervals-tuning.ts';
import { Prng } from './prng.ts';
import {
  type EngineTargetState,
  initialRegions,
  mergeAllTargets,
  regionSzLimit,
  setRegions,
  splitRegionsOf,
  threeRegions,
} from './regions.ts';

/** One region as it was at an aggregation boundary (the damon_aggregated trace event). */
export interface AggregatedRegion {
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
}

export interface AggregationEvent {
  /** Window of this aggregation, in µs of the virtual clock. */
  startUs: number;
  endUs: number;
  /** The sampling interval in force at the boundary (after any tuning). */
  sampleUs: number;
  aggrUs: number;
  /** Per target, in target order. */
  targets: AggregatedRegion[][];
}

export interface TriedRegionsResult {
  schemeIdx: number;
  regions: TriedRegion[];
  totalBytes: number;
}

export interface EngineOptions {
  seed?: number;
  /** Modelled DAMOS apply cost in ns per byte tried (drives time quotas); default 0, as a coarse clock often reads. */
  applyNsPerByte?: number;
  onAggregation?: (e: AggregationEvent) => void;
  onIntervalsTune?: (sampleUs: number) => void;
}

export class DamonEngine {
  readonly ops: EngineConfig['ops'];
  readonly minRegion: number;
  attrs: EngineAttrs;
  readonly targets: EngineTargetState[];
  readonly schemes: SchemeState[];
  /** The virtual clock, µs since the engine started. */
  nowUs = 0;
  stopped = false;
  /** Sampling iterations done ("passed_sample_intervals"). */
  passed = 0;
  /** Region checks done (one per region per sampling iteration). */
  regionChecks = 0;

  private aggrSamples: number;
  private nextAggrSis: number;
  private nextOpsUpdateSis: number;
  private nextTuneSis: number;
  private szLimit: number;
  private lastTotal = 0;
  private windowStartUs = 0;
  private readonly rng: Prng;
  private readonly applyNsPerByte: number;
  private walkPending = false;
  private walkResult: TriedRegionsResult[] | null = null;

  constructor(
    config: EngineConfig,
    private readonly source: AccessSource,
    private readonly options: EngineOptions = {},
  ) {
    validateAttrs(config.attrs);
    if (config.targets.length === 0) throw new UserError('nothing to monitor: no target given');
    this.ops = config.ops;
    this.minRegion = config.minRegionSz ?? PAGE_SIZE;
    this.attrs = structuredClone(config.attrs);
    this.rng = new Prng(options.seed ?? 42);
    this.applyNsPerByte = options.applyNsPerByte ?? 0;
    const si = Math.max(this.attrs.sampleUs, 1);
    this.aggrSamples = Math.floor(this.attrs.aggrUs / si);
    this.nextAggrSis = Math.floor(this.attrs.aggrUs / si);
    this.nextOpsUpdateSis = Math.floor(this.attrs.opsUpdateUs / si);
    this.nextTuneSis = this.nextAggrSis * this.attrs.intervalsGoal.aggrs;
    this.schemes = config.schemes.map((s) => {
      const st = new SchemeState(s);
      st.nextApplySis = Math.floor((s.applyIntervalUs || this.attrs.aggrUs) / si);
      return st;
    });
    this.targets = config.targets.map((t) => {
      const ts: EngineTargetState = { regions: [] };
      if (t.regions && t.regions.length) {
        const sorted = [...t.regions].sort((a, b) => a.start - b.start);
        for (let k = 0; k < sorted.length; k++) {
          const R = sorted[k];
          if (!(R.start < R.end)) throw new UserError(`bad monitoring region ${R.start}-${R.end}: start must be below end`);
          if (k > 0 && sorted[k - 1].end > R.start) throw new UserError('monitoring regions overlap');
        }
        setRegions(ts, sorted, this.minRegion);
      }
      return ts;
    });
    if (this.ops === 'vaddr') {
      this.targets.forEach((t, ti) => {
        if (t.regions.length) return;
        const vmas = source.vmas(ti);
        const ranges = vmas && threeRegions(vmas, this.minRegion);
        if (ranges) t.regions = initialRegions(ranges, this.attrs.minNrRegions, this.minRegion);
      });
    } else if (this.targets.every((t) => t.regions.length === 0)) {
      throw new UserError(`${this.ops} monitoring needs regions to monitor`);
    }
    this.szLimit = regionSzLimit(this.targets, this.attrs.minNrRegions, this.minRegion);
  }

  get maxNrAccesses(): number {
    return Math.min(Math.floor(this.attrs.aggrUs / Math.max(this.attrs.sampleUs, 1)), 4294967295);
  }

  get nrRegions(): number {
    let n = 0;
    for (const t of this.targets) n += t.regions.length;
    return n;
  }

  private needStop(): boolean {
    if (this.ops === 'paddr') return false;
    return this.targets.every((_, ti) => !this.source.targetValid(ti));
  }

  /** Runs sampling iterations until the clock reaches `untilUs` or monitoring stops. */
  runUntil(untilUs: number): void {
    while (!this.stopped && this.nowUs < untilUs) this.step();
  }

  /** Runs until monitoring stops by itself (every target gone) or `maxUs` passes. */
  runToEnd(maxUs = Number.MAX_SAFE_INTEGER): void {
    this.runUntil(maxUs);
  }

  /** One kdamond iteration (or one watermark wait). */
  step(): void {
    if (this.needStop()) {
      this.stopped = true;
      this.cancelWalk();
      return;
    }
    if (this.schemes.length) {
      let anyZero = false;
      let minWait = Infinity;
      for (const st of this.schemes) {
        const w = watermarkWaitUs(st, this.source);
        if (w === 0) anyZero = true;
        else minWait = Math.min(minWait, w);
      }
      if (!anyZero) {
        this.nowUs += minWait;
        this.source.advanceTo(this.nowUs);
        this.cancelWalk();
        return;
      }
    }
    const snapNextAggr = this.nextAggrSis;
    const snapNextUpd = this.nextOpsUpdateSis;
    const snapSi = this.attrs.sampleUs;

    const rng = this.rng;
    for (const t of this.targets) for (const r of t.regions) r.samplingAddr = rng.range(r.start, r.end);
    this.nowUs += Math.max(snapSi, 1);
    this.source.advanceTo(this.nowUs);
    this.passed += 1;
    const maxNr = this.checkAccesses();

    const aggregating = this.passed >= snapNextAggr;
    if (aggregating) {
      const si = Math.max(this.attrs.sampleUs, 1);
      mergeAllTargets(
        this.targets,
        Math.floor(maxNr / 10),
        this.szLimit,
        this.attrs.maxNrRegions,
        Math.floor(this.attrs.aggrUs / si),
      );
    }
    if (this.schemes.length) this.applySchemes();
    else this.cancelWalk();
    let si = Math.max(this.attrs.sampleUs, 1);
    if (aggregating) {
      const goal = this.attrs.intervalsGoal;
      if (goal.aggrs && this.passed >= this.nextTuneSis) {
        this.nextAggrSis = snapNextAggr;
        this.nextTuneSis += this.aggrSamples * goal.aggrs;
        const next = tunedAttrs(this.attrs, this.aggrSamples, this.targets);
        if (next) {
          this.options.onIntervalsTune?.(next.sampleUs);
          this.setAttrs(next);
        }
        si = Math.max(this.attrs.sampleUs, 1);
      }
      this.nextAggrSis = snapNextAggr + Math.floor(this.attrs.aggrUs / si);
      this.resetAggregated();
      this.splitRegions();
    }
    if (this.passed >= snapNextUpd) {
      this.nextOpsUpdateSis = snapNextUpd + Math.floor(this.attrs.opsUpdateUs / si);
      this.opsUpdate();
      this.szLimit = regionSzLimit(this.targets, this.attrs.minNrRegions, this.minRegion);
    }
  }

  private checkAccesses(): number {
    const lenWindow = this.attrs.sampleUs ? this.maxNrAccesses : 1;
    let maxNr = 0;
    const src = this.source;
    for (let ti = 0; ti < this.targets.length; ti++) {
      const regions = this.targets[ti].regions;
      for (let k = 0; k < regions.length; k++) {
        const r = regions[k];
        const accessed = src.accessed(ti, r.samplingAddr);
        const bp = r.nrAccessesBp - Math.floor((r.lastNrAccesses * 10000) / lenWindow);
        r.nrAccessesBp = (bp > 0 ? bp : 0) + (accessed ? 10000 : 0);
        if (accessed) r.nrAccesses++;
        if (r.nrAccesses > maxNr) maxNr = r.nrAccesses;
      }
      this.regionChecks += regions.length;
    }
    return maxNr;
  }

  private damosContext(): DamosContext {
    return {
      ops: this.ops,
      minRegion: this.minRegion,
      maxNrAccesses: this.maxNrAccesses,
      aggrUs: this.attrs.aggrUs,
      nowMs: Math.floor(this.nowUs / 1000),
      source: this.source,
      applyNsPerByte: this.applyNsPerByte,
    };
  }

  private applySchemes(): void {
    const due = this.schemes.map((st) => this.passed >= st.nextApplySis);
    const ctx = this.damosContext();
    let any = false;
    this.schemes.forEach((st, i) => {
      if (!due[i] || !st.activated) return;
      any = true;
      adjustQuota(st, this.targets, ctx);
    });
    if (!any) return;
    applySchemesToTargets(this.schemes, due, this.targets, ctx);
    const si = Math.max(this.attrs.sampleUs, 1);
    this.schemes.forEach((st, i) => {
      if (!due[i]) return;
      if (this.walkPending) st.walkCompleted = true;
      st.nextApplySis = this.passed + Math.floor((st.scheme.applyIntervalUs || this.attrs.aggrUs) / si);
    });
    if (this.walkPending && this.schemes.every((st) => st.walkCompleted)) {
      this.walkResult = this.schemes.map((st, schemeIdx) => {
        const regions = st.walk ?? [];
        let totalBytes = 0;
        for (const r of regions) totalBytes += r.end - r.start;
        return { schemeIdx, regions, totalBytes };
      });
      this.endWalk();
    }
  }

  private resetAggregated(): void {
    const ev: AggregationEvent = {
      startUs: this.windowStartUs,
      endUs: this.nowUs,
      sampleUs: this.attrs.sampleUs,
      aggrUs: this.attrs.aggrUs,
      targets: [],
    };
    const emit = this.options.onAggregation !== undefined;
    for (const t of this.targets) {
      const out: AggregatedRegion[] = [];
      for (const r of t.regions) {
        if (emit) out.push({ start: r.start, end: r.end, nrAccesses: r.nrAccesses, age: r.age });
        r.nrAccessesBp = r.nrAccesses * 10000;
        r.lastNrAccesses = r.nrAccesses;
        r.nrAccesses = 0;
      }
      ev.targets.push(out);
    }
    this.windowStartUs = this.nowUs;
    if (emit) this.options.onAggregation!(ev);
  }

  private splitRegions(): void {
    const total = this.nrRegions;
    const max = this.attrs.maxNrRegions;
    if (total > Math.floor(max / 2)) return;
    let nrSubs = 2;
    // The kernel keeps last_total in one static shared by all contexts; here it is per engine.
    if (this.lastTotal === total && total < Math.floor(max / 3)) nrSubs = 3;
    for (const t of this.targets) splitRegionsOf(t, nrSubs, this.minRegion, this.rng);
    this.lastTotal = total;
  }

  private opsUpdate(): void {
    if (this.ops !== 'vaddr') return;
    this.targets.forEach((t, ti) => {
      const vmas = this.source.vmas(ti);
      const ranges = vmas && threeRegions(vmas, this.minRegion);
      if (ranges) setRegions(t, ranges, this.minRegion);
    });
  }

  /** damon_set_attrs: new intervals/nr_regions at runtime, rescaling counters (spec §6). */
  setAttrs(next: EngineAttrs): void {
    validateAttrs(next);
    const old = this.attrs;
    const si = Math.max(next.sampleUs, 1);
    const aggregating = this.passed < this.nextAggrSis;
    this.nextAggrSis = this.passed + Math.floor(next.aggrUs / si);
    this.nextOpsUpdateSis = this.passed + Math.floor(next.opsUpdateUs / si);
    if (old.sampleUs && old.aggrUs && next.sampleUs && next.aggrUs) {
      const oldMax = this.maxNrAccesses;
      const newMax = Math.min(Math.floor(next.aggrUs / next.sampleUs), 4294967295);
      const convert = (x: number): number => Math.floor((Math.floor((x * 10000) / oldMax) * newMax) / 10000);
      for (const t of this.targets)
        for (const r of t.regions) {
          if (!aggregating) {
            r.nrAccesses = convert(r.nrAccesses);
            r.nrAccessesBp = r.nrAccesses * 10000;
          } else {
            r.lastNrAccesses = convert(r.lastNrAccesses);
            r.nrAccessesBp = r.lastNrAccesses * 10000;
            r.nrAccesses = 0;
          }
          r.age = Math.floor((r.age * old.aggrUs) / next.aggrUs);
        }
    }
    this.attrs = structuredClone(next);
    for (const st of this.schemes)
      st.nextApplySis = this.passed + Math.floor((st.scheme.applyIntervalUs || next.aggrUs) / si);
  }

  /** Replaces the schemes' parameters, keeping their runtime state (a `commit`). */
  commitSchemes(schemes: EngineScheme[]): void {
    if (schemes.length !== this.schemes.length) throw new UserError('the number of schemes cannot change on commit here');
    schemes.forEach((s, i) => this.schemes[i].commit(s));
  }

  /** Asks for the regions each scheme tries during its next full apply pass. */
  requestTriedRegions(): void {
    this.walkResult = null;
    if (this.schemes.length === 0) return;
    this.walkPending = true;
    for (const st of this.schemes) {
      st.walk = [];
      st.walkCompleted = false;
    }
  }

  get triedRegionsPending(): boolean {
    return this.walkPending;
  }

  /** The finished tried-regions walk, or null if none finished (or it was cancelled). */
  takeTriedRegions(): TriedRegionsResult[] | null {
    const r = this.walkResult;
    this.walkResult = null;
    return r;
  }

  private endWalk(): void {
    this.walkPending = false;
    for (const st of this.schemes) {
      st.walk = null;
      st.walkCompleted = false;
    }
  }

  private cancelWalk(): void {
    if (this.walkPending) this.endWalk();
  }
}
