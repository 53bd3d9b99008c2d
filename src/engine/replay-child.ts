// The process `damo replay` touches memory in (spec/records.md §9): it gets a pool size and
// then snapshots over IPC, touches each snapshot's regions once per sampling slice they were
// seen accessed in, paced to the recorded time, and reports each snapshot done. Pages are
// written (not only read) so they become resident and show as accessed to DAMON.
import { REPLAY_PAGE, type ReplaySnapshot } from './replay-plan.ts';

export type ToChild =
  | { op: 'setup'; poolBytes: number }
  | { op: 'snapshot'; idx: number; snapshot: ReplaySnapshot }
  | { op: 'end' }
  | { op: 'perf'; szMem: number; runtimeS: number };

export type FromChild =
  | { op: 'ready'; pid: number }
  | { op: 'done'; idx: number; elapsedS: number }
  | { op: 'perf'; bytes: number; seconds: number }
  | { op: 'finished' };

const CHUNK_SHIFT = 26; // 64 MiB chunks, allocated on first touch (untouched pages cost nothing)
const CHUNK = 2 ** CHUNK_SHIFT;

/** A pool of memory addressed by offset, backed by chunks made when first touched. */
export class ReplayMemory {
  private readonly chunks: (Uint8Array | undefined)[];
  constructor(readonly bytes: number) {
    this.chunks = new Array(Math.ceil(bytes / CHUNK));
  }
  /** Writes one byte in each page of [offset, offset + len). */
  touch(offset: number, len: number): void {
    const end = Math.min(offset + len, this.bytes);
    for (let p = offset; p < end; p += REPLAY_PAGE) {
      const ci = Math.floor(p / CHUNK);
      let c = this.chunks[ci];
      if (c === undefined) {
        c = new Uint8Array(Math.min(CHUNK, this.bytes - ci * CHUNK));
        this.chunks[ci] = c;
      }
      const i = p - ci * CHUNK + REPLAY_PAGE / 2;
      if (i < c.length) c[i] = (c[i] + 1) & 0xff;
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** One snapshot: each slice touches the regions still to be accessed, then waits out the slice. */
export function replaySnapshot(mem: ReplayMemory, s: ReplaySnapshot, now: () => number = () => performance.now()): void {
  const sliceMs = (s.runtimeS * 1000) / s.maxNr;
  const nrSlices = sliceMs > 0 ? Math.trunc((s.runtimeS * 1000) / sliceMs) : Math.trunc(s.maxNr);
  for (let i = 0; i < nrSlices; i++) {
    const t0 = now();
    for (const [off, len, samples] of s.regions) if (i < samples) mem.touch(off, len);
    sleepSync(sliceMs - (now() - t0));
  }
}

/** `--test_perf`: touch [0, szMem) over and over for runtimeS, reporting the rate every second. */
export function testPerf(mem: ReplayMemory, szMem: number, runtimeS: number, report: (bytes: number, seconds: number) => void): void {
  const t0 = performance.now();
  let passes = 0;
  let lastReport = t0;
  for (;;) {
    mem.touch(0, szMem);
    passes++;
    const now = performance.now();
    if (now - lastReport >= 1000) {
      report(szMem * passes, (now - t0) / 1000);
      lastReport = now;
    }
    if (now - t0 >= runtimeS * 1000) return;
  }
}

/** The child's side of the IPC conversation. */
export function runReplayChild(): void {
  const send = (m: FromChild) => process.send!(m);
  let mem: ReplayMemory | null = null;
  let t0 = 0;
  process.on('message', (m: ToChild) => {
    switch (m.op) {
      case 'setup':
        mem = new ReplayMemory(m.poolBytes);
        t0 = performance.now();
        send({ op: 'ready', pid: process.pid });
        return;
      case 'snapshot':
        replaySnapshot(mem!, m.snapshot);
        send({ op: 'done', idx: m.idx, elapsedS: (performance.now() - t0) / 1000 });
        return;
      case 'perf':
        mem = new ReplayMemory(m.szMem);
        testPerf(mem, m.szMem, m.runtimeS, (bytes, seconds) => send({ op: 'perf', bytes, seconds }));
        send({ op: 'finished' });
        return;
      case 'end':
        send({ op: 'finished' });
        process.disconnect();
        return;
    }
  });
  process.on('disconnect', () => process.exit(0));
}
