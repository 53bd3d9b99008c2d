// The engine daemon: a background process that keeps one engine kdamond running at
// wall-clock pace after `damo start sim:...` returns, and answers the engine backend on a
// unix socket. It exits on `stop`, when the simulated workload ends, after a time with no
// client at all, or on SIGTERM/SIGINT, removing its files each time. A stop or workload end
// lets a following recorder fetch the last aggregations first (for at most DRAIN_MS).
import { readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { UserError } from '../base/user-error.ts';
import {
  type DaemonInfo,
  type DaemonReply,
  type DaemonRequest,
  type DaemonSpec,
  MAX_REQUEST_BYTES,
  daemonPaths,
  decodeMessage,
  encodeMessage,
} from './engine-daemon-protocol.ts';
import { EngineKdamond } from './engine-kdamond.ts';

const TICK_MS = 20;
/** How long an ended kdamond waits for its followers to fetch the last aggregations. */
const DRAIN_MS = 2000;

export async function runEngineDaemon(dir: string, idx: number): Promise<void> {
  const paths = daemonPaths(dir, idx);
  const spec = decodeMessage<DaemonSpec>(readFileSync(paths.spec, 'utf8'));
  rmSync(paths.spec, { force: true });
  const startMs = Date.now();
  const kd = new EngineKdamond(idx, spec.kdamond, spec.config, spec.seed, startMs, process.pid);
  let lastClientMs = Date.now();
  let exiting = false;
  let server: Server | null = null;
  /** Set once the kdamond has stopped but followers still have aggregations to fetch. */
  let ending: { why: string; sinceMs: number } | null = null;

  const exit = (code: number, why: string) => {
    if (exiting) return;
    exiting = true;
    process.stderr.write(`engine kdamond ${idx}: exiting (${why})\n`);
    kd.failWaiters(`the engine kdamond stopped (${why})`);
    // The info file goes first: from then on, clients see nothing running.
    rmSync(paths.info, { force: true });
    try {
      unlinkSync(paths.socket);
    } catch {
      /* already gone */
    }
    const done = () => process.exit(code);
    if (server) server.close(done);
    setTimeout(done, 500).unref();
  };

  // Stops monitoring; exits once the followers have what was aggregated, or DRAIN_MS later.
  const finish = (why: string) => {
    if (exiting || ending) return;
    kd.failWaiters(`the engine kdamond stopped (${why})`);
    if (!kd.feed.following || kd.feed.drained()) exit(0, why);
    else ending = { why, sinceMs: Date.now() };
  };

  const handle = async (req: DaemonRequest): Promise<DaemonReply> => {
    switch (req.op) {
      case 'status':
        return { ok: true, kdamond: kd.status(req.opts) };
      case 'commit':
        kd.commit(req.kdamond, req.quotaGoalsOnly);
        return { ok: true };
      case 'snapshot':
        return { ok: true, records: await kd.snapshot(req.opts) };
      case 'stop':
        setImmediate(() => finish('stop requested'));
        return { ok: true };
      case 'aggregations':
        return { ok: true, aggregations: { ...kd.aggregationsSince(req.follower, req.cursor), ended: ending !== null || kd.stopped } };
      case 'unfollow':
        kd.feed.leave(req.follower);
        return { ok: true };
      case 'side_files':
        return { ok: true, sideFiles: kd.sideFileSamples(req.what) };
    }
  };

  const serve = (conn: Socket) => {
    conn.setEncoding('utf8');
    let buf = '';
    let answered = false;
    conn.on('error', () => conn.destroy());
    conn.on('data', (d: string) => {
      // one request per connection: what follows the first line is not read
      if (answered) return;
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) {
        if (buf.length > MAX_REQUEST_BYTES) {
          buf = '';
          conn.destroy();
        }
        return;
      }
      const line = buf.slice(0, nl);
      buf = '';
      answered = true;
      lastClientMs = Date.now();
      let reply: Promise<DaemonReply>;
      try {
        reply = handle(decodeMessage<DaemonRequest>(line));
      } catch (e) {
        reply = Promise.reject(e);
      }
      reply
        .catch((e: unknown): DaemonReply => ({
          ok: false,
          error: e instanceof UserError ? e.message : `engine daemon error: ${e instanceof Error ? e.message : String(e)}`,
        }))
        .then((r) => {
          lastClientMs = Date.now();
          conn.end(`${encodeMessage(r)}\n`);
        });
    });
  };

  rmSync(paths.socket, { force: true });
  server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(paths.socket, () => resolve());
  });
  const info: DaemonInfo = { pid: process.pid, workload: spec.workload, startedAtMs: startMs };
  const tmp = `${paths.info}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(info)}\n`);
  renameSync(tmp, paths.info);

  process.on('SIGTERM', () => exit(0, 'SIGTERM'));
  process.on('SIGINT', () => exit(0, 'SIGINT'));
  process.on('SIGHUP', () => {
    /* the terminal that started us may close; we keep running */
  });

  const tick = setInterval(() => {
    if (exiting) return;
    if (ending) {
      if (kd.feed.drained() || Date.now() - ending.sinceMs > DRAIN_MS) exit(0, ending.why);
      return;
    }
    kd.advance((Date.now() - startMs) * 1000);
    if (kd.stopped) finish('the simulated workload ended');
    else if (Date.now() - lastClientMs > spec.idleExitMs) exit(0, `no client for ${Math.round(spec.idleExitMs / 1000)} s`);
  }, TICK_MS);
  tick.unref();
  // The listening server keeps the process alive until exit().
}
