// Text held back until it can be written (e.g. a record's body waiting for its head,
// whose last field comes after the snapshots in record files): kept in memory up to
// a limit, then in a temporary file, so any size is held in bounded memory.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export class SpillBuffer {
  private chunks: string[] = [];
  private size = 0;
  private dir: string | null = null;
  private fd: number | null = null;

  constructor(private readonly memoryLimit = 32 << 20) {}

  write(text: string): void {
    if (this.fd !== null) {
      writeSync(this.fd, text);
      return;
    }
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > this.memoryLimit) this.spill();
  }

  private spill(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'damo-spill-'));
    this.fd = openSync(join(this.dir, 'text'), 'w+');
    for (const c of this.chunks) writeSync(this.fd, c);
    this.chunks = [];
  }

  /** Hands everything held to `out`, in order, and empties the buffer. */
  drainTo(out: (text: string) => void): void {
    if (this.fd === null) {
      const chunks = this.chunks;
      this.chunks = [];
      this.size = 0;
      for (const c of chunks) out(c);
      return;
    }
    const buf = Buffer.allocUnsafe(1 << 20);
    const decoder = new StringDecoder('utf8');
    for (let pos = 0; ; ) {
      const n = readSync(this.fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      pos += n;
      const text = decoder.write(buf.subarray(0, n));
      if (text) out(text);
    }
    const rest = decoder.end();
    if (rest) out(rest);
    this.dispose();
  }

  /** Drops what is held and removes the temporary file, if any. */
  dispose(): void {
    this.chunks = [];
    this.size = 0;
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}
