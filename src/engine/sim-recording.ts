// Runs the engine on a simulated world (a masim workload or a replayed record) and collects
// what `damo record` would: a snapshot per aggregation (full recording), DAMOS tried-regions
// snapshots (snapshot mode), per-apply tried regions (--schemes_target_regions), on the
// virtual clock or paced by the wall clock (spec/records.md §1, §4.4; DESIGN.md "Two backends").
import type { DamonRecord } from '../model/record.ts';
import type { AccessSource } from './access-source.ts';
import { type AddrRange, type EngineAttrs, type EngineConfig, type EngineScheme, defaultAttrs } from './config.ts';
import { DamonEngine } from './engine.ts';
import { RecordCollector, TriedRegionsTrace, attrsToIntervals, triedRegionsToRecords } from './engine-records.ts';
import type { MasimConfig } from './sim/masim-config.ts';
import { MasimWorkload, type MasimSimOptions } from './sim/masim-workload.ts';

export interface SimRecordingOptions {
  attrs?: EngineAttrs;
  seed?: number;
  /** Stop after this much virtual time (µs); default: when the workload exits. */
  timeoutUs?: number;
  /** The virtual clock's zero on the record's time axis (ns). */
  epochNs?: bigint;
  sim?: MasimSimOptions;
  /** Fixed regions (fvaddr) instead of vaddr's three regions around the big gaps. */
  regions?: AddrRange[];
}

export interface SimRecording {
  records: DamonRecord[];
  engine: DamonEngine;
  workload: MasimWorkload;
}

/** A full recording of a masim workload, synchronously on the virtual clock, no schemes. */
export function recordSimulation(config: MasimConfig, opts: SimRecordingOptions = {}): SimRecording {
  const attrs = opts.attrs ?? defaultAttrs();
  const seed = opts.seed ?? 42;
  const workload = new MasimWorkload(config, { seed: seed ^ 0x5bd1e995, ...opts.sim });
  const collector = new RecordCollector(attrsToIntervals(attrs), 1, opts.epochNs ?? 0n);
  const ops = opts.regions && opts.regions.length ? 'fvaddr' : 'vaddr';
  const engine = new DamonEngine({ ops, attrs, targets: [{ regions: opts.regions }], schemes: [] }, workload, {
    seed,
    onAggregation: collector.add,
  });
  engine.runUntil(opts.timeoutUs ?? Number.MAX_SAFE_INTEGER);
  return { records: collector.nonEmpty(), engine, workload };
}

/** A workload seed derived from the engine seed, so one --seed fixes both. */
export function workloadSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

export interface SnapshotPlan {
  /** Time between captures (µs); 0 waits 1 s, as upstream's loop sleeps. */
  delayUs: number;
  count: number;
  /**
   * Index of the monitoring scheme in `config.schemes` whose tried regions each capture
   * reads; null reads every scheme (--schemes_target_regions).
   */
  monitorSchemeIdx: number | null;
  /** The monitoring scheme is installed only for a capture (upstream commits it, then restores). */
  installed: boolean;
}

export interface PacedClock {
  /** Wall-clock ms (monotonic). */
  nowMs(): number;
  sleepMs(ms: number): Promise<void>;
}

export interface SimRunOptions {
  config: EngineConfig;
  seed?: number;
  timeoutUs?: number;
  epochNs?: bigint;
  /** Collect a snapshot per aggregation (full recording); ignored in snapshot mode. */
  aggregations?: boolean;
  /** Full recording of the regions schemes try at each apply instead of aggregations. */
  triedRegionsTrace?: boolean;
  snapshot?: SnapshotPlan;
  /** Called at the start and every `tickUs` (default 1 s; the snapshot delay in snapshot mode). */
  onTick?: (nowUs: number) => void;
  /** Pace the virtual clock by this wall clock (--real_time). */
  realTime?: PacedClock;
  /** Checked between slices (e.g. set by SIGINT): ends the recording early, keeping what it has. */
  stopRequested?: () => boolean;
}

export interface SimRunResult {
  /** Per-target records of a full recording (aggregations or tried-regions trace). */
  records: DamonRecord[];
  /** Snapshot-mode records: one per scheme read per capture, in capture order. */
  snapshotRecords: DamonRecord[];
  engine: DamonEngine;
}

/** Matches no region, so an uninstalled monitoring scheme neither tries nor splits anything. */
function dormant(s: EngineScheme): EngineScheme {
  return { ...s, pattern: { ...s.pattern, minSz: 2 ** 64, maxSz: 0 } };
}

const zeroStats = () => ({ nrTried: 0n, szTried: 0n, nrApplied: 0n, szApplied: 0n, szOpsFilterPassed: 0n, qtExceeds: 0n });

/** Runs one engine over `world` until its targets are gone, the timeout passes or the captures are done. */
export async function runSimRecording(world: AccessSource, opts: SimRunOptions): Promise<SimRunResult> {
  const cfg = opts.config;
  const snap = opts.snapshot;
  const epochNs = opts.epochNs ?? 0n;
  const collector = new RecordCollector(attrsToIntervals(cfg.attrs), cfg.targets.length, epochNs);
  const traceRecords = new TriedRegionsTrace(cfg.attrs, cfg.targets.length, epochNs);
  const wantAggr = !snap && (opts.aggregations ?? true) && !opts.triedRegionsTrace;
  const installed = snap !== undefined && snap.installed && snap.monitorSchemeIdx !== null;
  const live = cfg.schemes.map((s, i) => (installed && i === snap!.monitorSchemeIdx ? dormant(s) : s));
  const engine = new DamonEngine({ ...cfg, schemes: live }, world, {
    seed: opts.seed ?? 42,
    onAggregation: wantAggr ? collector.add : undefined,
  });
  const timeoutUs = opts.timeoutUs ?? Number.MAX_SAFE_INTEGER;
  const tickUs = snap ? snap.delayUs || 1e6 : 1e6;
  const wallStart = opts.realTime?.nowMs() ?? 0;
  const snapshotRecords: DamonRecord[] = [];
  let capturesLeft = snap?.count ?? 0;

  // Moves the virtual clock to `untilUs`, in wall-clock paced slices under --real_time.
  const runTo = async (untilUs: number): Promise<void> => {
    const rt = opts.realTime;
    if (!rt) return void engine.runUntil(untilUs);
    while (!engine.stopped && engine.nowUs < untilUs && !opts.stopRequested?.()) {
      const sliceEnd = Math.min(untilUs, engine.nowUs + 100_000);
      const wait = wallStart + sliceEnd / 1000 - rt.nowMs();
      if (wait > 0) await rt.sleepMs(wait);
      engine.runUntil(sliceEnd);
    }
  };

  if (opts.triedRegionsTrace && engine.schemes.length) engine.requestTriedRegions();
  const takeTrace = (): void => {
    const res = engine.takeTriedRegions();
    if (res) traceRecords.add(res, engine.nowUs);
    if (!engine.triedRegionsPending) engine.requestTriedRegions();
  };

  const capture = (): boolean => {
    if (engine.schemes.length === 0) return false;
    const mi = snap!.monitorSchemeIdx;
    if (installed) {
      engine.commitSchemes(cfg.schemes);
      engine.schemes[mi!].stats = zeroStats();
    }
    engine.requestTriedRegions();
    while (!engine.stopped && engine.triedRegionsPending && engine.nowUs < timeoutUs) engine.step();
    const res = engine.takeTriedRegions();
    if (installed) engine.commitSchemes(live);
    if (!res) return false;
    const stats = engine.schemes.map((st) => st.stats);
    const endNs = epochNs + BigInt(engine.nowUs) * 1000n;
    const recs = triedRegionsToRecords(res, stats, engine.attrs, endNs);
    for (const r of recs) if (mi === null || r.schemeIdx === mi) snapshotRecords.push(r);
    return true;
  };

  let nextTickUs = 0;
  // Upstream's loop: sample the side files, then stop on timeout, then capture, then sleep.
  for (;;) {
    if (engine.stopped || !world.targetValid(0) || opts.stopRequested?.()) break;
    opts.onTick?.(engine.nowUs);
    if (engine.nowUs >= timeoutUs) break;
    if (snap) {
      if (capturesLeft <= 0) break;
      if (!capture()) break;
      if (--capturesLeft <= 0) break;
    }
    nextTickUs = Math.max(nextTickUs + tickUs, engine.nowUs);
    const until = Math.min(nextTickUs, timeoutUs);
    if (opts.triedRegionsTrace) {
      while (!engine.stopped && engine.nowUs < until) {
        await runTo(Math.min(until, engine.nowUs + 1));
        takeTrace();
      }
    } else await runTo(until);
  }
  return { records: opts.triedRegionsTrace ? traceRecords.nonEmpty() : collector.nonEmpty(), snapshotRecords, engine };
}
