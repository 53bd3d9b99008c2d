// One engine "kdamond": the user-space DAMON engine monitoring a simulated workload, kept
// running at wall-clock pace by the engine daemon, with the kernel-like operations the
// backend asks for (status §1.5, commit §1.3, snapshots §6.7 of spec/control.md).
import { UserError } from '../base/user-error.ts';
import type { EngineConfig } from '../engine/config.ts';
import { SchemeState } from '../engine/damos.ts';
import { type AggregationEvent, DamonEngine } from '../engine/engine.ts';
import { aggregationSnapshot, attrsToIntervals, engineRecord, statsToModel, triedRegionsToRecords } from '../engine/engine-records.ts';
import { contextToEngineConfig } from '../engine/params-to-engine.ts';
import type { MasimConfig } from '../engine/sim/masim-config.ts';
import { MasimWorkload } from '../engine/sim/masim-workload.ts';
import type { Context, Kdamond } from '../model/damon-params.ts';
import { mergeSnapshotRegions } from '../model/merge-snapshot-regions.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { SideFileSampler, type SideFileSamples } from '../engine/sim-record-side-files.ts';
import type { SnapshotOptions, StatusOptions } from './backend.ts';
import { AggregationFeed } from './engine-daemon-feed.ts';

/** The single context and target a simulated process allows; the user-facing reason otherwise. */
export function simContextOf(k: Kdamond): Context {
  if (k.contexts.length !== 1) throw new UserError(`a simulated target runs one context per kdamond (got ${k.contexts.length})`);
  const c = k.contexts[0];
  if (c.ops === 'paddr') throw new UserError('a simulated target is a process: use vaddr or fvaddr operations, not paddr');
  if (c.targets.length !== 1) throw new UserError(`a simulated target is one process: give one target (got ${c.targets.length})`);
  return c;
}

export function engineConfigOf(k: Kdamond): EngineConfig {
  return contextToEngineConfig(simContextOf(k));
}

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

export class EngineKdamond {
  readonly engine: DamonEngine;
  readonly workload: MasimWorkload;
  private params: Kdamond;
  private readonly epochNs: bigint;
  private lastAggregation: AggregationEvent | null = null;
  private aggregationWaiters: Waiter<AggregationEvent>[] = [];
  private walkWaiters: Waiter<void>[] = [];
  private walkResult: DamonRecord[] | null = null;
  /** Aggregations kept for recorders following this kdamond. */
  readonly feed = new AggregationFeed();

  constructor(
    readonly idx: number,
    kdamond: Kdamond,
    config: MasimConfig,
    seed: number,
    /** Wall-clock time of the virtual clock's zero, in ms since the epoch. */
    startMs: number,
    readonly pid: number,
  ) {
    this.params = structuredClone(kdamond);
    this.epochNs = BigInt(Math.round(startMs)) * 1_000_000n;
    this.workload = new MasimWorkload(config, { seed: seed ^ 0x5bd1e995 });
    this.engine = new DamonEngine(engineConfigOf(kdamond), this.workload, {
      seed,
      onAggregation: (ev) => {
        this.lastAggregation = ev;
        this.feed.push(ev);
        const ws = this.aggregationWaiters;
        this.aggregationWaiters = [];
        for (const w of ws) w.resolve(ev);
      },
    });
  }

  get stopped(): boolean {
    return this.engine.stopped;
  }

  /** Runs the engine up to `untilUs` on its clock, spending at most `budgetMs` of CPU. */
  advance(untilUs: number, budgetMs = 100): void {
    const t0 = Date.now();
    while (!this.engine.stopped && this.engine.nowUs < untilUs && Date.now() - t0 < budgetMs) {
      this.engine.runUntil(Math.min(untilUs, this.engine.nowUs + 20_000));
      this.collectWalk();
    }
    if (this.engine.stopped) this.failWaiters('the simulated workload ended, and monitoring with it');
  }

  /**
   * The aggregations `follower` has not fetched yet, as one list of snapshots per target
   * (wall-clock times, the sampling interval in force at each); a null cursor starts from now.
   */
  aggregationsSince(follower: string, cursor: number | null): { cursor: number; missed: number; targets: Snapshot[][] } {
    const batch = this.feed.fetch(follower, cursor);
    const nrTargets = this.engine.targets.length;
    const targets: Snapshot[][] = Array.from({ length: nrTargets }, () => []);
    for (const ev of batch.events)
      for (let ti = 0; ti < nrTargets; ti++) if ((ev.targets[ti] ?? []).length > 0) targets[ti].push(aggregationSnapshot(ev, ti, this.epochNs));
    return { cursor: batch.cursor, missed: batch.missed, targets };
  }

  /** One sample of each asked side file of the simulated process (spec/records.md §4.7), as `damo record` takes each second. */
  sideFileSamples(what: { memFootprint: boolean; vmas: boolean; procStats: boolean }): SideFileSamples {
    const sampler = new SideFileSampler(this.workload, this.pid, what, Number(this.epochNs) / 1e9);
    sampler.sample(this.engine.nowUs);
    return sampler.samples;
  }

  failWaiters(why: string): void {
    for (const w of [...this.aggregationWaiters, ...this.walkWaiters]) w.reject(new UserError(why));
    this.aggregationWaiters = [];
    this.walkWaiters = [];
  }

  status(opts: StatusOptions = {}): Kdamond {
    const k = structuredClone(this.params);
    k.state = 'on';
    k.pid = String(this.pid);
    const c = k.contexts[0];
    for (const t of c.targets) t.pid = this.pid;
    if (opts.tunedIntervals) {
      c.intervals.sampleUs = BigInt(this.engine.attrs.sampleUs);
      c.intervals.aggrUs = BigInt(this.engine.attrs.aggrUs);
    }
    c.schemes.forEach((s, i) => {
      const st = this.engine.schemes[i];
      if (!st) return;
      s.stats = statsToModel(st.stats);
      if (opts.quotas) s.quotas.effectiveSzBytes = BigInt(Math.floor(Math.min(st.esz, Number.MAX_SAFE_INTEGER)));
    });
    return k;
  }

  /** A `commit`: new intervals and schemes for the running engine; the workload and its regions stay. */
  commit(k: Kdamond, quotaGoalsOnly: boolean): void {
    const next = engineConfigOf(k);
    const e = this.engine;
    if (quotaGoalsOnly) {
      if (next.schemes.length !== e.schemes.length)
        throw new UserError(`--quota_goals_only needs the running ${e.schemes.length} scheme(s), got ${next.schemes.length}`);
      next.schemes.forEach((s, i) => e.schemes[i].commit({ ...e.schemes[i].scheme, quota: { ...e.schemes[i].scheme.quota, goals: s.quota.goals } }));
      return;
    }
    if (JSON.stringify(next.attrs) !== JSON.stringify(e.attrs)) e.setAttrs(next.attrs);
    if (next.schemes.length === e.schemes.length) e.commitSchemes(next.schemes);
    else {
      // The kernel lets a commit change the number of schemes; new ones start afresh.
      const si = Math.max(e.attrs.sampleUs, 1);
      e.schemes.length = 0;
      for (const s of next.schemes) {
        const st = new SchemeState(s);
        st.nextApplySis = e.passed + Math.floor((s.applyIntervalUs || e.attrs.aggrUs) / si);
        e.schemes.push(st);
      }
      this.failWalk('the schemes changed while their tried regions were being collected');
    }
    const kept = structuredClone(k);
    kept.state = null;
    kept.pid = null;
    for (const s of kept.contexts[0].schemes) {
      s.stats = null;
      s.triedRegions = null;
    }
    this.params = kept;
  }

  private failWalk(why: string): void {
    for (const w of this.walkWaiters) w.reject(new UserError(why));
    this.walkWaiters = [];
  }

  private nowNs(): bigint {
    return this.epochNs + BigInt(this.engine.nowUs) * 1000n;
  }

  private collectWalk(): void {
    if (this.walkWaiters.length === 0) return;
    const res = this.engine.takeTriedRegions();
    if (res === null) {
      // A watermark wait cancels a pending walk; ask again.
      if (!this.engine.triedRegionsPending) this.engine.requestTriedRegions();
      return;
    }
    const recs = triedRegionsToRecords(
      res,
      this.engine.schemes.map((st) => st.stats),
      this.engine.attrs,
      this.nowNs(),
    );
    for (const r of recs) r.kdamondIdx = this.idx;
    this.walkResult = recs;
    const ws = this.walkWaiters;
    this.walkWaiters = [];
    for (const w of ws) w.resolve();
  }

  /** A live snapshot: the last finished aggregation, or a scheme's tried regions (§6.7). */
  async snapshot(opts: SnapshotOptions = {}): Promise<DamonRecord[]> {
    const merge = (recs: DamonRecord[]) => {
      if (!opts.dontMergeRegions) for (const r of recs) for (const s of r.snapshots) s.regions = mergeSnapshotRegions(s.regions);
      return recs;
    };
    const filters = (opts as { damosFilters?: unknown[] }).damosFilters;
    if (filters && filters.length > 0) throw new UserError('--snapshot_damos_filter is not supported for engine snapshots yet');
    if (opts.triedRegionsOf) {
      const [, ci, si] = opts.triedRegionsOf;
      if (ci !== 0) throw new UserError(`kdamond ${this.idx} has one context (0), not ${ci}`);
      if (si >= this.engine.schemes.length)
        throw new UserError(`kdamond ${this.idx} context 0 has ${this.engine.schemes.length} scheme(s); there is no scheme ${si}`);
      const done = new Promise<void>((resolve, reject) => this.walkWaiters.push({ resolve, reject }));
      if (!this.engine.triedRegionsPending) this.engine.requestTriedRegions();
      await done;
      return merge((this.walkResult ?? []).filter((r) => r.schemeIdx === si).map((r) => structuredClone(r)));
    }
    const ev = this.lastAggregation ?? (await new Promise<AggregationEvent>((resolve, reject) => this.aggregationWaiters.push({ resolve, reject })));
    const rec = engineRecord(
      attrsToIntervals({ ...this.engine.attrs, sampleUs: ev.sampleUs, aggrUs: ev.aggrUs }),
      { kdamondIdx: this.idx, contextIdx: 0, targetId: 0n },
      [aggregationSnapshot(ev, 0, this.epochNs)],
    );
    return merge([rec]);
  }
}
