// What the engine backend and its background daemon (engine-daemon.ts) say to each other:
// where a daemon's files live, and one JSON request / one JSON reply per connection on a
// unix socket. bigint and non-finite numbers are tagged so the DAMON model crosses intact.
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../base/user-error.ts';
import type { Kdamond } from '../model/damon-params.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import type { MasimConfig } from '../engine/sim/masim-config.ts';
import type { SideFileSamples } from '../engine/sim-record-side-files.ts';
import type { SnapshotOptions, StatusOptions } from './backend.ts';

/** The folder holding the engine daemons' files: DAMO_STATE_DIR, else $XDG_RUNTIME_DIR/damo, else a per-user temp folder. */
export function engineStateDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.DAMO_STATE_DIR ??
    (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'damo') : join(tmpdir(), `damo-${process.getuid?.() ?? 'user'}`));
  return join(base, 'engine');
}

export interface DaemonPaths {
  /** Written (atomically) by the daemon once it listens; its presence means "running". */
  info: string;
  socket: string;
  /** What to run, written by the starter and removed by the daemon once read. */
  spec: string;
  /** The daemon's stderr, kept to explain a daemon that died at start. */
  log: string;
}

export function daemonPaths(dir: string, idx: number): DaemonPaths {
  const p = (ext: string) => join(dir, `kdamond-${idx}.${ext}`);
  return { info: p('json'), socket: p('sock'), spec: p('spec.json'), log: p('log') };
}

/** A unix socket path must fit sockaddr_un (108 bytes with the final NUL). */
export function checkSocketPath(path: string): void {
  if (Buffer.byteLength(path) > 107)
    throw new UserError(`the engine state folder path is too long for a unix socket (${path}); set DAMO_STATE_DIR to a shorter folder`);
}

export interface DaemonInfo {
  pid: number;
  /** The workload as the user named it (`sim:stairs`). */
  workload: string;
  startedAtMs: number;
}

export interface DaemonSpec {
  idx: number;
  kdamond: Kdamond;
  workload: string;
  config: MasimConfig;
  seed: number;
  /** Exit after this long without any client request. */
  idleExitMs: number;
}

export type DaemonRequest =
  | { op: 'status'; opts: StatusOptions }
  | { op: 'commit'; kdamond: Kdamond; quotaGoalsOnly: boolean }
  | { op: 'snapshot'; opts: SnapshotOptions }
  | { op: 'stop' }
  /** Follow the aggregations (a recorder): those since `cursor`, or none and a cursor for "now" when null. */
  | { op: 'aggregations'; follower: string; cursor: number | null }
  /** A recorder that is done following. */
  | { op: 'unfollow'; follower: string }
  /** One sample of the simulated process's side files (`damo record`'s .mem_footprint, .vmas, .proc_stats). */
  | { op: 'side_files'; what: SideFileKinds };

export interface SideFileKinds {
  memFootprint: boolean;
  vmas: boolean;
  procStats: boolean;
}

export interface AggregationsReply {
  cursor: number;
  /** Aggregations that were dropped before this follower fetched them. */
  missed: number;
  /** Per target of the kdamond's context, a snapshot per aggregation, oldest first. */
  targets: Snapshot[][];
  /** The kdamond has stopped (stop request or workload end): nothing more will come. */
  ended: boolean;
}

export type DaemonReply =
  | { ok: true; kdamond?: Kdamond; records?: DamonRecord[]; aggregations?: AggregationsReply; sideFiles?: SideFileSamples }
  | { ok: false; error: string };

/**
 * The longest request line a daemon reads (a commit of a large kdamond is well under a
 * megabyte); a client that sends more without a newline is dropped, not buffered.
 */
export const MAX_REQUEST_BYTES = 8 << 20;

export function encodeMessage(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return { $bigint: x.toString() };
    if (typeof x === 'number' && !Number.isFinite(x)) return { $number: String(x) };
    return x;
  });
}

export function decodeMessage<T>(text: string): T {
  return JSON.parse(text, (_k, x: unknown) => {
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && typeof o.$bigint === 'string') return BigInt(o.$bigint);
      if (keys.length === 1 && typeof o.$number === 'string') return Number(o.$number);
    }
    return x;
  }) as T;
}

/** Sends one request and waits for the reply; null when nobody listens on the socket. */
export function sendRequest(socket: string, req: DaemonRequest, timeoutMs = 30000): Promise<DaemonReply | null> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket);
    let buf = '';
    let connected = false;
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new UserError(`the engine daemon at ${socket} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('connect', () => {
      connected = true;
      conn.write(`${encodeMessage(req)}\n`);
    });
    conn.on('data', (d: string) => {
      buf += d;
    });
    conn.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected && (e.code === 'ENOENT' || e.code === 'ECONNREFUSED')) resolve(null);
      else reject(new UserError(`talking to the engine daemon at ${socket} failed (${e.code ?? e.message})`));
    });
    conn.on('end', () => {
      clearTimeout(timer);
      const line = buf.split('\n')[0];
      if (line === '') {
        reject(new UserError(`the engine daemon at ${socket} closed without answering`));
        return;
      }
      try {
        resolve(decodeMessage<DaemonReply>(line));
      } catch {
        reject(new UserError(`the engine daemon at ${socket} sent an unreadable reply`));
      }
    });
  });
}
