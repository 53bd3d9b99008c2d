// `damo record ongoing` on running engine kdamonds (spec/records.md §4.2 ongoing, §4.4 main
// loop, §4.6 saving): follow every aggregation of each daemon (a full recording, as perf
// follows damon_aggregated), or take --snapshot captures through the backend, sampling the
// side files each second, until --timeout, Ctrl+C/SIGTERM or the kdamonds stop.
import { randomBytes } from 'node:crypto';
import type { EngineBackend, RunningEngine } from '../backend/engine-backend.ts';
import type { SideFileKinds } from '../backend/engine-daemon-protocol.ts';
import { type PyJson, pyJsonDumps } from '../base/py-json.ts';
import { UserError } from '../base/user-error.ts';
import type { SideFileSamples } from '../engine/sim-record-side-files.ts';
import { kdamondToKv } from '../formats/kdamonds-to-kv.ts';
import { type RecordFileFormat, writeRecordFile } from '../formats/write-records.ts';
import type { Kdamond } from '../model/damon-params.ts';
import { parseDamosFilterWords } from '../model/damos-filter-words.ts';
import type { DamonRecord } from '../model/record.ts';
import type { CommandContext, ParsedArgs } from './option-table.ts';
import {
  atomicWrite,
  catchStopSignals,
  engineDoRecord,
  moveAside,
  parseOctalPermission,
  parseSeconds,
  parseSnapshotArgs,
} from './record-outputs.ts';

/** How often the recorder fetches aggregations; a daemon keeps them until fetched. */
const POLL_MS = 250;
/** Upstream's loop period: side files are sampled once per iteration (§4.4). */
const LOOP_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Followed {
  run: RunningEngine;
  kdamond: Kdamond;
  cursor: number;
  ended: boolean;
  /** One record per target of the kdamond's context. */
  records: DamonRecord[];
}

/** The side-file samples of several kdamonds' processes as one sample per file (§4.7 layouts). */
function mergeSamples(all: SideFileSamples[], into: SideFileSamples): void {
  if (all.length === 0) return;
  type Obj = Record<string, PyJson>;
  const first = (k: keyof SideFileSamples) => all[0][k][0] as unknown as Obj | undefined;
  const many = <T>(k: keyof SideFileSamples, f: (o: Obj) => T[]): T[] => all.flatMap((s) => (s[k][0] ? f(s[k][0] as unknown as Obj) : []));
  const mf = first('memFootprint');
  if (mf) {
    // process entries of every kdamond's target, then one system entry
    const entries = many('memFootprint', (o) => o.footprints as Obj[]);
    const procs = entries.filter((e) => e.pid !== null);
    const sys = entries.find((e) => e.pid === null);
    into.memFootprint.push({ time: mf.time, footprints: sys ? [...procs, sys] : procs } as never);
  }
  const vm = first('vmas');
  if (vm) into.vmas.push({ time: vm.time, procvmas: many('vmas', (o) => o.procvmas as Obj[]) } as never);
  const ps = first('procStats');
  if (ps) into.procStats.push({ time: ps.time, proc_stats: many('procStats', (o) => o.proc_stats as Obj[]) } as never);
}

export async function recordEngineOngoing(backend: EngineBackend, args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const format = args.output_type as string;
  if (format === 'perf_data')
    throw new UserError("--output_type perf_data is perf's own file, and the engine is recorded without perf; use json_compressed, json or perf_script");
  const mode = parseOctalPermission(args.output_permission as string);
  const doRecord = engineDoRecord(args.do_record, 'a recording of the engine');
  const timeoutMs = typeof args.timeout === 'string' ? parseSeconds(args.timeout, '--timeout') * 1000 : null;
  const snapshot = parseSnapshotArgs(args.snapshot);
  const triedRegions = args.schemes_target_regions === true;
  const snapFilters = Array.isArray(args.snapshot_damos_filter) ? parseDamosFilterWords(args.snapshot_damos_filter as string[][]) : [];
  const sideKinds: SideFileKinds = {
    memFootprint: doRecord.includes('mem_footprint'),
    vmas: doRecord.includes('vmas'),
    procStats: doRecord.includes('proc_stats'),
  };

  const running = backend.running();
  if (running.length === 0) throw new UserError('DAMON is not turned on: no engine kdamond runs to record (start one, e.g. damo start sim:stairs)');
  const kdamonds = await backend.status();
  if (kdamonds.length === 0) throw new UserError('the engine kdamonds stopped before recording could start');
  if (triedRegions && snapshot && kdamonds.every((k) => k.contexts[0].schemes.length === 0))
    throw new UserError('--schemes_target_regions records the regions DAMOS schemes try, and the running kdamonds have no scheme');
  if (triedRegions && !snapshot)
    throw new UserError('--schemes_target_regions on running engine kdamonds works with --snapshot only (a full recording of tried regions is not built for them)');

  const out = args.out as string;
  moveAside(out);
  if (sideKinds.memFootprint) moveAside(`${out}.mem_footprint`);

  const follower = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const followed: Followed[] = running.map((run, i) => ({
    run,
    kdamond: kdamonds[i] ?? kdamonds[0],
    cursor: 0,
    ended: false,
    records: [],
  }));
  const severalKdamonds = followed.length > 1;

  // Keeps what `f`'s daemon aggregated since the last fetch.
  const fetch = async (f: Followed): Promise<void> => {
    if (f.ended) return;
    const r = await backend.aggregationsSince(f.run.idx, follower, f.cursor);
    if (r === null) {
      f.ended = true;
      return;
    }
    if (r.missed > 0) ctx.err(`warning: ${r.missed} aggregation(s) of engine kdamond ${f.run.idx} were dropped before they could be recorded\n`);
    f.cursor = r.cursor;
    r.targets.forEach((snaps, ti) => {
      if (snaps.length === 0) return;
      let rec = f.records[ti];
      if (!rec) {
        rec = {
          kdamondIdx: severalKdamonds ? f.run.idx : null,
          contextIdx: null,
          // upstream puts the first context's intervals in every record (§4.2)
          intervals: structuredClone(f.kdamond.contexts[0].intervals),
          schemeIdx: null,
          targetId: BigInt(ti),
          schemeFilters: [],
          snapshots: [],
          dataSource: 'unknown',
        };
        f.records[ti] = rec;
      }
      rec.snapshots.push(...snaps);
    });
    if (r.ended) f.ended = true;
  };

  const sideFiles: SideFileSamples = { memFootprint: [], vmas: [], procStats: [] };
  const sampleSideFiles = async (): Promise<void> => {
    if (!sideKinds.memFootprint && !sideKinds.vmas && !sideKinds.procStats) return;
    const got: SideFileSamples[] = [];
    for (const f of followed) {
      if (f.ended) continue;
      const s = await backend.sideFileSamples(f.run.idx, sideKinds);
      if (s) got.push(s);
    }
    mergeSamples(got, sideFiles);
  };

  const snapshotRecords: DamonRecord[] = [];
  const capture = async (): Promise<void> => {
    if (!triedRegions) {
      snapshotRecords.push(...(await backend.snapshot({ damosFilters: snapFilters })));
      return;
    }
    for (const f of followed)
      for (let si = 0; si < f.kdamond.contexts[0].schemes.length; si++)
        snapshotRecords.push(...(await backend.snapshot({ triedRegionsOf: [f.run.idx, 0, si], damosFilters: snapFilters })));
  };

  if (process.stderr.isTTY && !(snapshot && snapshot.delayUs === 0 && snapshot.count < 5)) ctx.err('Press Ctrl+C to stop\n');
  const signals = catchStopSignals(ctx);
  const wantAggregations = !snapshot && doRecord.includes('access');
  const t0 = Date.now();
  try {
    // The first fetch (null cursor) only sets where following starts.
    if (wantAggregations)
      for (const f of followed) {
        const r = await backend.aggregationsSince(f.run.idx, follower, null);
        if (r === null) f.ended = true;
        else f.cursor = r.cursor;
      }
    const stop = () => signals.signalled() !== null || followed.every((f) => f.ended);
    let capturesLeft = snapshot?.count ?? 0;
    const periodMs = snapshot ? snapshot.delayUs / 1000 || LOOP_MS : LOOP_MS;
    let nextLoopMs = t0;
    // Upstream's order per iteration: side files, timeout, (capture), sleep (§4.4).
    for (;;) {
      if (stop()) break;
      await sampleSideFiles();
      if (timeoutMs !== null && Date.now() - t0 >= timeoutMs) break;
      if (snapshot) {
        if (capturesLeft <= 0) break;
        try {
          await capture();
        } catch (e) {
          // the engine stopping ends the recording; other failures are the user's to see
          if (backend.running().length === 0) break;
          throw e;
        }
        if (--capturesLeft <= 0) break;
      }
      nextLoopMs = Math.max(nextLoopMs + periodMs, Date.now());
      const until = timeoutMs === null ? nextLoopMs : Math.min(nextLoopMs, t0 + timeoutMs);
      while (Date.now() < until && !stop()) {
        await sleep(Math.min(POLL_MS, until - Date.now()));
        if (wantAggregations) for (const f of followed) await fetch(f);
        if (!wantAggregations && backend.running().length === 0) for (const f of followed) f.ended = true;
      }
    }
    // The tail: what was aggregated since the last fetch.
    if (wantAggregations) for (const f of followed) await fetch(f);
  } finally {
    signals.detach();
    if (wantAggregations) for (const f of followed) await backend.unfollow(f.run.idx, follower);
  }

  // Outputs in upstream's order (§4.6).
  atomicWrite(`${out}.kdamonds`, pyJsonDumps(kdamonds.map((k) => kdamondToKv(k)) as PyJson), mode);
  const records = snapshot ? snapshotRecords : followed.flatMap((f) => f.records.filter((r) => r && r.snapshots.length > 0));
  if (records.length) await writeRecordFile(out, records, format as RecordFileFormat, { mode });
  else if (doRecord.includes('access') || snapshot) ctx.err(`warning: nothing was aggregated while recording; ${out} is not written\n`);
  if (sideKinds.memFootprint) atomicWrite(`${out}.mem_footprint`, pyJsonDumps(sideFiles.memFootprint as PyJson), mode);
  if (sideKinds.vmas) atomicWrite(`${out}.vmas`, pyJsonDumps(sideFiles.vmas as PyJson), mode);
  if (sideKinds.procStats) atomicWrite(`${out}.proc_stats`, pyJsonDumps(sideFiles.procStats as PyJson), mode);

  if (process.stderr.isTTY) {
    const nsnap = records.reduce((n, r) => n + r.snapshots.length, 0);
    const what = running.map((r) => `engine kdamond ${r.idx} (${r.info.workload})`).join(', ');
    ctx.err(`recorded ${((Date.now() - t0) / 1000).toFixed(1)} s of ${what}, ${nsnap} snapshots, into ${out}\n`);
  }
  return signals.signalled() ?? 0;
}
