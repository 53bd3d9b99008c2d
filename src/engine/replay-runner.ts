// The parent side of `damo replay`: starts the memory toucher (replay-child.ts) as a child
// process, so that it is a process of its own DAMON can monitor, and feeds it a plan's
// snapshots a couple ahead of what it has replayed.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../base/user-error.ts';
import type { FromChild, ToChild } from './replay-child.ts';
import type { ReplayPlan } from './replay-plan.ts';

/** node arguments running the child: the bundled entry beside dist/damo.mjs, or the source through tsx. */
function childNodeArgs(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return ['--import', import.meta.resolve('tsx'), join(dirname(here), 'replay-child-main.ts')];
  return [join(dirname(here), 'replay-child.mjs')];
}

class Child {
  readonly proc: ChildProcess;
  private queue: FromChild[] = [];
  private waiting: ((m: FromChild) => void) | null = null;
  private exited: string | null = null;
  constructor() {
    this.proc = spawn(process.execPath, childNodeArgs(), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (m: FromChild) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.queue.push(m);
    });
    const gone = (why: string) => {
      this.exited = why;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w({ op: 'finished' });
      }
    };
    this.proc.on('exit', (code, signal) => gone(signal ? `signal ${signal}` : `exit status ${code}`));
    this.proc.on('error', (e) => gone(e.message));
  }
  send(m: ToChild): void {
    if (this.exited === null) this.proc.send(m);
  }
  async next(): Promise<FromChild> {
    const m = this.queue.shift() ?? (await new Promise<FromChild>((r) => (this.waiting = r)));
    if (m.op === 'finished' && this.exited !== null && this.exited !== 'exit status 0')
      throw new UserError(`the replaying process ended early (${this.exited}); it may have run out of memory`);
    return m;
  }
  close(): void {
    if (this.exited === null && this.proc.connected) this.proc.disconnect();
  }
}

export interface ReplayHooks {
  /** The child's pid, once it runs (to monitor it). */
  started?(pid: number): void;
  /** After each snapshot: its 0-based index and the seconds since the replay started. */
  replayed?(idx: number, elapsedS: number): void;
}

export async function runReplay(plan: ReplayPlan, hooks: ReplayHooks = {}): Promise<void> {
  const child = new Child();
  try {
    child.send({ op: 'setup', poolBytes: plan.poolBytes });
    const ready = await child.next();
    if (ready.op !== 'ready') throw new UserError('the replaying process did not start');
    hooks.started?.(ready.pid);
    const it = plan.snapshots();
    let sent = 0;
    let done = 0;
    const feed = () => {
      while (sent - done < 2) {
        const n = it.next();
        if (n.done) return;
        child.send({ op: 'snapshot', idx: sent++, snapshot: n.value });
      }
    };
    feed();
    while (done < sent) {
      const m = await child.next();
      if (m.op !== 'done') throw new UserError('the replaying process stopped answering');
      done++;
      hooks.replayed?.(m.idx, m.elapsedS);
      feed();
    }
  } finally {
    child.close();
  }
}

export async function runReplayPerf(szMem: number, runtimeS: number, report: (bytes: number, seconds: number) => void): Promise<void> {
  const child = new Child();
  try {
    child.send({ op: 'perf', szMem, runtimeS });
    for (;;) {
      const m = await child.next();
      if (m.op === 'perf') report(m.bytes, m.seconds);
      else return;
    }
  } finally {
    child.close();
  }
}
