// DAMON tracepoints read straight from tracefs, for `damo record` without perf
// (spec/records.md §4.3, tracepoint formats §3.4.1). Everything happens in a tracefs
// instance of our own (instances/damo-<pid>), so other tracers and the global buffer are
// never disturbed; the instance is removed at the end.
import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../base/user-error.ts';

/** The DAMON tracepoints damo knows (spec/records.md §4.3), by their tracefs names. */
export const KNOWN_DAMON_EVENTS = [
  'damon_aggregated',
  'damos_before_apply',
  'damon_monitor_intervals_tune',
  'damos_esz',
  'damos_stat_after_apply_interval',
  'damon_region_aggregated',
] as const;

export const REAL_TRACEFS_ROOTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

/**
 * Where tracefs is: DAMO_TRACEFS_ROOT, else `kernel/tracing` of a stand-in sysfs root
 * (DAMO_SYSFS_ROOT), else the machine's own (tracefs mount, or under debugfs).
 */
export function tracefsRootFor(env: NodeJS.ProcessEnv, sysfsRoot: string | null): string {
  if (env.DAMO_TRACEFS_ROOT) return env.DAMO_TRACEFS_ROOT;
  if (sysfsRoot !== null && sysfsRoot !== '/sys') return join(sysfsRoot, 'kernel', 'tracing');
  return REAL_TRACEFS_ROOTS.find((r) => existsSync(join(r, 'available_events'))) ?? REAL_TRACEFS_ROOTS[0];
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? String(err?.message ?? e);
}

/**
 * One trace_pipe line (`comm-pid [cpu] flags ts: event: fields`, the flags column being
 * optional) as the line `perf script` prints for the same event; null for other lines.
 */
export function tracePipeToPerfScript(line: string): string | null {
  const m = /^\s*(.*?)-(\d+)\s+(?:\(\s*[\d-]+\)\s+)?\[(\d+)\]\s+(?:\S+\s+)?(\d+\.\d+):\s+(\w+):\s*(.*)$/.exec(line);
  if (!m) return null;
  const [, comm, pid, cpu, ts, event, fields] = m;
  return `${comm.trim() || '<...>'} ${pid} [${cpu}] ${ts}: damon:${event}: ${fields.trim()}`;
}

/** The tracefs operations an instance needs; tests put an emulator behind them. */
export class Tracefs {
  constructor(readonly root: string) {
    if (REAL_TRACEFS_ROOTS.includes(root) && process.env.NODE_TEST_CONTEXT !== undefined) {
      // Tests never trace the machine's kernel: a missing stand-in is a test bug.
      throw new Error(`refusing to use ${root} from a test run; set DAMO_TRACEFS_ROOT`);
    }
  }
  path(rel: string): string {
    return join(this.root, rel);
  }
  exists(rel: string): boolean {
    return existsSync(this.path(rel));
  }
  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }
  write(rel: string, value: string): void {
    writeFileSync(this.path(rel), value);
  }
  /** mkdir under instances/ makes tracefs create the instance's files. */
  makeInstance(name: string): void {
    mkdirSync(this.path(`instances/${name}`));
  }
  removeInstance(name: string): void {
    rmdirSync(this.path(`instances/${name}`));
  }
  /** The DAMON events tracefs offers, without the `damon:` prefix. */
  availableDamonEvents(): string[] {
    let text: string;
    try {
      text = this.read('available_events');
    } catch (e) {
      throw new UserError(`cannot read the list of trace events at ${this.path('available_events')} (${errText(e)}); is tracefs mounted?`);
    }
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('damon:'))
      .map((l) => l.slice('damon:'.length));
  }
}

/**
 * A tracefs instance with the given DAMON events on, read through its trace_pipe without
 * blocking: `poll()` returns the events that arrived as perf-script lines.
 */
export class DamonTraceInstance {
  private fd: number | null = null;
  private rest = '';
  private readonly buf = Buffer.alloc(1 << 16);
  private closed = false;
  /** Set when the instance folder could not be removed at the end (for a warning). */
  leftBehind: string | null = null;

  private constructor(
    readonly tracefs: Tracefs,
    readonly name: string,
    readonly events: string[],
  ) {}

  static open(tracefs: Tracefs, events: string[], name = `damo-${process.pid}`): DamonTraceInstance {
    if (!tracefs.exists('instances')) {
      throw new UserError(`tracefs at ${tracefs.root} has no instances folder (needs tracefs mounted, Linux 3.12 or later)`);
    }
    try {
      tracefs.makeInstance(name);
    } catch (e) {
      throw new UserError(`cannot create the tracefs instance ${tracefs.path(`instances/${name}`)} (${errText(e)})`);
    }
    const inst = new DamonTraceInstance(tracefs, name, events);
    try {
      const dir = `instances/${name}`;
      // A bigger per-CPU buffer between our reads; a kernel that refuses keeps its default.
      try {
        tracefs.write(`${dir}/buffer_size_kb`, '4096');
      } catch {
        /* the default buffer will do */
      }
      for (const e of events) tracefs.write(`${dir}/events/damon/${e}/enable`, '1');
      tracefs.write(`${dir}/tracing_on`, '1');
      inst.fd = openSync(tracefs.path(`${dir}/trace_pipe`), constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      inst.close();
      if (e instanceof UserError) throw e;
      throw new UserError(`cannot set up DAMON tracing in ${tracefs.path(`instances/${name}`)} (${errText(e)})`);
    }
    return inst;
  }

  /** The complete event lines read since the last call, as perf-script lines. */
  poll(): string[] {
    if (this.fd === null) return [];
    let text = this.rest;
    for (;;) {
      let n: number;
      try {
        n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw new UserError(`reading ${this.tracefs.path(`instances/${this.name}/trace_pipe`)} failed (${errText(e)})`);
      }
      if (n <= 0) break;
      text += this.buf.toString('latin1', 0, n);
    }
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    const out: string[] = [];
    for (const l of lines) {
      const p = tracePipeToPerfScript(l);
      if (p !== null) out.push(p);
    }
    return out;
  }

  /** Turns the events off, returns what was still buffered, and removes the instance. */
  close(): string[] {
    if (this.closed) return [];
    this.closed = true;
    const dir = `instances/${this.name}`;
    const off = (rel: string) => {
      try {
        this.tracefs.write(rel, '0');
      } catch {
        /* the instance goes away below anyway */
      }
    };
    off(`${dir}/tracing_on`);
    for (const e of this.events) off(`${dir}/events/damon/${e}/enable`);
    let last: string[] = [];
    try {
      last = this.poll();
      const tail = tracePipeToPerfScript(this.rest);
      if (tail !== null) last.push(tail);
    } finally {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
      try {
        this.tracefs.removeInstance(this.name);
      } catch (e) {
        this.leftBehind = `${this.tracefs.path(dir)} (${errText(e)})`;
      }
    }
    return last;
  }
}
