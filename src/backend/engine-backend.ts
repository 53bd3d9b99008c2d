// The Backend over the user-space engine (DESIGN.md "Two backends"): each kdamond is an
// engine daemon process (engine-daemon.ts) monitoring a simulated workload in real time;
// start spawns them, and tune / stop / status / snapshots talk to them over their sockets.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../base/user-error.ts';
import type { MasimConfig } from '../engine/sim/masim-config.ts';
import type { Kdamond } from '../model/damon-params.ts';
import type { DamonRecord } from '../model/record.ts';
import type { Backend, SnapshotOptions, StatusOptions } from './backend.ts';
import type { SideFileSamples } from '../engine/sim-record-side-files.ts';
import {
  type AggregationsReply,
  type DaemonInfo,
  type DaemonReply,
  type DaemonRequest,
  type DaemonSpec,
  type SideFileKinds,
  checkSocketPath,
  daemonPaths,
  encodeMessage,
  sendRequest,
} from './engine-daemon-protocol.ts';
import { EngineKdamond } from './engine-kdamond.ts';

/** What the engine monitors: a simulated workload, named as the user gave it. */
export interface SimWorkload {
  name: string;
  config: MasimConfig;
  seed: number;
}

export interface EngineBackendOptions {
  stateDir: string;
  /** Needed by start only. */
  sim?: SimWorkload;
  /** A daemon with no client for this long exits (default: one hour). */
  idleExitMs?: number;
  /** How long start waits for a daemon to listen. */
  startTimeoutMs?: number;
}

export interface RunningEngine {
  idx: number;
  info: DaemonInfo;
}

/** Features the engine models, by upstream's names (spec/control.md §7.3). */
const ENGINE_FEATURES = [
  'sysfs/vaddr',
  'sysfs/fvaddr',
  'sysfs/init_regions',
  'sysfs/schemes',
  'sysfs/schemes_time_quota',
  'sysfs/schemes_size_quota',
  'sysfs/schemes_prioritization',
  'sysfs/schemes_wmarks',
  'sysfs/schemes_stat_succ',
  'sysfs/schemes_stat_qt_exceed',
  'sysfs/online_params_commit',
  'sysfs/schemes_tried_regions',
  'sysfs/schemes_tried_regions_sz',
  'sysfs/schemes_filters',
  'sysfs/schemes_filters_anon',
  'sysfs/schemes_filters_addr',
  'sysfs/schemes_filters_target',
  'sysfs/schemes_filters_young',
  'sysfs/schemes_filters_active',
  'sysfs/schemes_filters_unmapped',
  'sysfs/schemes_filters_hugepage_size',
  'sysfs/schemes_apply_interval',
  'sysfs/schemes_quota_goals',
  'sysfs/schemes_quota_effective_bytes',
  'sysfs/schemes_quota_goal_metric',
  'sysfs/intervals_goal',
  'sysfs/allow_filter',
];

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** node arguments that run the daemon: the bundled entry beside dist/damo.mjs, or the TypeScript source through tsx. */
function daemonNodeArgs(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return ['--import', import.meta.resolve('tsx'), join(dirname(here), 'engine-daemon-main.ts')];
  return [join(dirname(here), 'engine-daemon.mjs')];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class EngineBackend implements Backend {
  readonly name = 'engine' as const;

  constructor(readonly o: EngineBackendOptions) {}

  /** The engine kdamonds running now, by index; files of dead daemons are cleaned up. */
  running(): RunningEngine[] {
    let names: string[];
    try {
      names = readdirSync(this.o.stateDir);
    } catch {
      return [];
    }
    const out: RunningEngine[] = [];
    for (const n of names) {
      const m = /^kdamond-(\d+)\.json$/.exec(n);
      if (!m) continue;
      const idx = Number(m[1]);
      const paths = daemonPaths(this.o.stateDir, idx);
      let info: DaemonInfo | null = null;
      try {
        info = JSON.parse(readFileSync(paths.info, 'utf8')) as DaemonInfo;
      } catch {
        continue; // removed while we looked
      }
      if (typeof info?.pid === 'number' && processIsAlive(info.pid)) out.push({ idx, info });
      else {
        rmSync(paths.info, { force: true });
        rmSync(paths.socket, { force: true });
      }
    }
    return out.sort((a, b) => a.idx - b.idx);
  }

  private async ask(idx: number, req: DaemonRequest, timeoutMs?: number): Promise<DaemonReply & { ok: true }> {
    const reply = await sendRequest(daemonPaths(this.o.stateDir, idx).socket, req, timeoutMs);
    if (reply === null) throw new UserError(`engine kdamond ${idx} is not answering (its workload may just have ended)`);
    if (!reply.ok) throw new UserError(reply.error);
    return reply;
  }

  private runningOrFail(): RunningEngine[] {
    const r = this.running();
    if (r.length === 0) throw new UserError('DAMON is not turned on');
    return r;
  }

  async start(ks: Kdamond[]): Promise<number[]> {
    const sim = this.o.sim;
    if (!sim) throw new UserError('the engine runs simulated workloads only: give a sim:<workload> target (e.g. sim:stairs)');
    if (ks.length === 0) throw new UserError('nothing to start: no kdamond given');
    const busy = this.running();
    if (busy.length > 0) {
      const what = busy.map((r) => `kdamond ${r.idx} on ${r.info.workload} (pid ${r.info.pid})`).join(', ');
      throw new UserError(`the engine already runs ${what}; stop it first with 'damo stop'`);
    }
    // Everything is checked before any process starts: a bad parameter fails here, not in a daemon.
    ks.forEach((k, i) => new EngineKdamond(i, k, sim.config, sim.seed, Date.now(), 0));
    mkdirSync(this.o.stateDir, { recursive: true });
    const started: number[] = [];
    try {
      for (let i = 0; i < ks.length; i++) {
        await this.spawnDaemon(i, ks[i], sim);
        started.push(i);
      }
    } catch (e) {
      if (started.length > 0) await this.stop(started).catch(() => undefined);
      throw e;
    }
    return started;
  }

  private async spawnDaemon(idx: number, k: Kdamond, sim: SimWorkload): Promise<void> {
    const paths = daemonPaths(this.o.stateDir, idx);
    checkSocketPath(paths.socket);
    const spec: DaemonSpec = {
      idx,
      kdamond: k,
      workload: sim.name,
      config: sim.config,
      seed: sim.seed,
      idleExitMs: this.o.idleExitMs ?? 3600_000,
    };
    const tmp = `${paths.spec}.tmp-${process.pid}`;
    writeFileSync(tmp, encodeMessage(spec));
    renameSync(tmp, paths.spec);
    rmSync(paths.info, { force: true });
    const logFd = openSync(paths.log, 'w');
    let exited: number | null = null;
    const child = spawn(process.execPath, [...daemonNodeArgs(), this.o.stateDir, String(idx)], {
      detached: true,
      stdio: ['ignore', 'ignore', logFd],
      cwd: '/',
    });
    closeSync(logFd);
    child.on('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
    });
    child.on('error', () => {
      exited = 127;
    });
    const deadline = Date.now() + (this.o.startTimeoutMs ?? 20000);
    try {
      for (;;) {
        if (existsSync(paths.info)) {
          const info = JSON.parse(readFileSync(paths.info, 'utf8')) as DaemonInfo;
          if (info.pid === child.pid) return;
        }
        if (exited !== null) {
          const log = readFileSync(paths.log, 'utf8').trim().split('\n').pop() ?? '';
          throw new UserError(`the engine daemon of kdamond ${idx} did not start${log ? ` (${log})` : ''}`);
        }
        if (Date.now() > deadline) {
          child.kill();
          throw new UserError(`the engine daemon of kdamond ${idx} did not come up within ${(this.o.startTimeoutMs ?? 20000) / 1000} s`);
        }
        await sleep(20);
      }
    } finally {
      rmSync(paths.spec, { force: true });
      child.unref();
    }
  }

  async commit(ks: Kdamond[], opts: { quotaGoalsOnly?: boolean } = {}): Promise<number[]> {
    const running = new Set(this.runningOrFail().map((r) => r.idx));
    ks.forEach((_, i) => {
      if (!running.has(i)) throw new UserError(`engine kdamond ${i} is not running, so it cannot be tuned`);
    });
    for (let i = 0; i < ks.length; i++) await this.ask(i, { op: 'commit', kdamond: ks[i], quotaGoalsOnly: Boolean(opts.quotaGoalsOnly) });
    return ks.map((_, i) => i);
  }

  async stop(named: number[] | null = null): Promise<number[]> {
    const running = this.runningOrFail();
    let which = running;
    if (named !== null) {
      const have = new Set(running.map((r) => r.idx));
      const missing = named.filter((i) => !have.has(i));
      if (missing.length > 0) throw new UserError(`engine kdamond ${missing.join(', ')} is not running`);
      which = running.filter((r) => named.includes(r.idx));
    }
    for (const r of which) {
      const reply = await sendRequest(daemonPaths(this.o.stateDir, r.idx).socket, { op: 'stop' });
      if (reply !== null && !reply.ok) throw new UserError(`DAMON turn off failed (${reply.error})`);
    }
    // Off means gone: wait until the processes have exited.
    const deadline = Date.now() + 10000;
    for (const r of which) {
      while (processIsAlive(r.info.pid)) {
        if (Date.now() > deadline) throw new UserError(`engine kdamond ${r.idx} (pid ${r.info.pid}) did not stop`);
        await sleep(20);
      }
      rmSync(daemonPaths(this.o.stateDir, r.idx).info, { force: true });
    }
    return which.map((r) => r.idx);
  }

  async status(opts: StatusOptions = {}): Promise<Kdamond[]> {
    const out: Kdamond[] = [];
    for (const r of this.running()) {
      const reply = await sendRequest(daemonPaths(this.o.stateDir, r.idx).socket, { op: 'status', opts });
      if (reply === null) continue; // exited meanwhile
      if (!reply.ok) throw new UserError(reply.error);
      if (reply.kdamond) out.push(reply.kdamond);
    }
    return out;
  }

  features(): ReadonlySet<string> {
    return new Set(ENGINE_FEATURES);
  }

  async snapshot(opts: SnapshotOptions = {}): Promise<DamonRecord[]> {
    const running = this.running();
    if (running.length === 0) throw new UserError('no kdamond running');
    const which = opts.triedRegionsOf ? running.filter((r) => r.idx === opts.triedRegionsOf![0]) : running;
    if (which.length === 0) throw new UserError(`kdamond ${opts.triedRegionsOf![0]} is not running`);
    const records: DamonRecord[] = [];
    for (const r of which) records.push(...((await this.ask(r.idx, { op: 'snapshot', opts }, 60000)).records ?? []));
    return records;
  }

  /**
   * The aggregations of kdamond `idx` since `cursor` (null: start following now), for a
   * recorder identified by `follower`; null once that kdamond's daemon is gone.
   */
  async aggregationsSince(idx: number, follower: string, cursor: number | null): Promise<AggregationsReply | null> {
    const reply = await sendRequest(daemonPaths(this.o.stateDir, idx).socket, { op: 'aggregations', follower, cursor });
    if (reply === null) return null;
    if (!reply.ok) throw new UserError(reply.error);
    if (!reply.aggregations) throw new UserError(`engine kdamond ${idx} does not know the aggregations request (an older daemon?)`);
    return reply.aggregations;
  }

  /** Tells kdamond `idx` that `follower` needs no more aggregations kept; quiet if it is gone. */
  async unfollow(idx: number, follower: string): Promise<void> {
    await sendRequest(daemonPaths(this.o.stateDir, idx).socket, { op: 'unfollow', follower }).catch(() => undefined);
  }

  /** One sample of the side files of kdamond `idx`'s simulated process; null once it is gone. */
  async sideFileSamples(idx: number, what: SideFileKinds): Promise<SideFileSamples | null> {
    const reply = await sendRequest(daemonPaths(this.o.stateDir, idx).socket, { op: 'side_files', what });
    if (reply === null) return null;
    if (!reply.ok) throw new UserError(reply.error);
    return reply.sideFiles ?? null;
  }
}
