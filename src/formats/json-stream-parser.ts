// A JSON parser fed with byte chunks, keeping Python's number kinds: integer literals
// become bigint (exact, like Python's int), others number (float). Chosen arrays can be
// streamed (their items handed over one by one, never stored) so a record larger than
// one V8 string reads in bounded memory (spec/records.md §3.2-3.3, §11).

export type JsonValue = null | boolean | bigint | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonPath = readonly (string | number)[];

/** Bad JSON text; `offset` is the byte offset, line and column start at 1. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${problem} at line ${line} column ${column} (byte ${offset})`);
    this.name = 'JsonSyntaxError';
  }
}

export interface StreamHooks {
  /** Asked when an array opens: true hands its items to onItem instead of storing them. */
  isStreamed(path: JsonPath): boolean;
  /** A streamed array opened; `parent` is the container holding it, filled so far. */
  onOpen?(path: JsonPath, parent: JsonObject | JsonValue[] | undefined): void;
  onItem(path: JsonPath, value: JsonValue): void;
  onClose?(path: JsonPath): void;
}

interface Frame {
  container: JsonObject | JsonValue[];
  isArray: boolean;
  streamed: boolean;
  key: string; // the pending key of an object frame
  count: number; // items so far, for array frames
}

const enum S {
  Value, // expecting any value
  ArrFirst, // after '[': a value or ']'
  ArrNext, // after an item: ',' or ']'
  ObjFirst, // after '{': a key or '}'
  ObjKey, // after ',': a key
  Colon,
  ObjNext, // after a member: ',' or '}'
  Done,
}

declare module 'node:buffer' {
  interface Buffer {
    // Node's unchecked fast path behind toString('latin1'); exact for ASCII bytes
    latin1Slice(start: number, end: number): string;
  }
}

const NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const INT_RE = /^-?(0|[1-9][0-9]*)$/;

function isNumberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45 || c === 0x65;
}

export class JsonStreamParser {
  private state = S.Value;
  private readonly stack: Frame[] = [];
  private readonly path: (string | number)[] = [];
  private root: JsonValue | undefined;
  private pending: Buffer | null = null;
  private base = 0; // absolute offset of the current chunk's byte 0
  private line = 1;
  private lineStart = 0; // absolute offset where the current line starts
  private escaped = false; // the last string scanned had a backslash
  private ascii = true; // the last string scanned was all ASCII
  private readonly keys = new Map<number, string>(); // hash of a key's bytes -> its string

  constructor(private readonly hooks?: StreamHooks) {}

  /** Feeds the next bytes; a token cut at the chunk's end waits for the next chunk. */
  write(chunk: Uint8Array): void {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending) {
      this.base -= this.pending.length;
      buf = Buffer.concat([this.pending, buf]);
      this.pending = null;
    }
    const used = this.scan(buf, false);
    if (used < buf.length) this.pending = Buffer.from(buf.subarray(used));
    this.base += buf.length;
  }

  /** Ends the input and returns the root value (undefined when the root array was streamed). */
  end(): JsonValue | undefined {
    if (this.pending) {
      const buf = this.pending;
      this.pending = null;
      this.base -= buf.length;
      this.scan(buf, true);
      this.base += buf.length;
    }
    if (this.state !== S.Done) {
      throw this.error(this.stack.length || this.state !== S.Value ? 'unexpected end of data' : 'no JSON value', this.base);
    }
    return this.root;
  }

  private error(problem: string, offset: number): JsonSyntaxError {
    return new JsonSyntaxError(problem, offset, this.line, offset - this.lineStart + 1);
  }

  private describe(c: number): string {
    if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
    return `byte 0x${c.toString(16).padStart(2, '0')}`;
  }

  /** Scans tokens from buf; returns how many bytes were consumed (the rest is a cut token). */
  private scan(buf: Buffer, final: boolean): number {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      let c = buf[i];
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        // indentation runs are most of a record file's bytes
        do c = buf[++i];
        while (c === 0x20 && i < n);
        continue;
      }
      if (c === 0x0a) {
        i++;
        this.line++;
        this.lineStart = this.base + i;
        continue;
      }
      const st = this.state;
      if (st === S.Done) throw this.error(`extra data after the JSON value: ${this.describe(c)}`, this.base + i);
      if (st === S.Colon) {
        if (c !== 0x3a) throw this.error(`expected ':' but found ${this.describe(c)}`, this.base + i);
        this.state = S.Value;
        i++;
        continue;
      }
      if (st === S.ArrNext || st === S.ObjNext) {
        const close = st === S.ArrNext ? 0x5d : 0x7d;
        if (c === 0x2c) {
          this.state = st === S.ArrNext ? S.Value : S.ObjKey;
          i++;
        } else if (c === close) {
          this.closeContainer();
          i++;
        } else {
          throw this.error(`expected ',' or '${String.fromCharCode(close)}' but found ${this.describe(c)}`, this.base + i);
        }
        continue;
      }
      if (st === S.ObjFirst || st === S.ObjKey) {
        if (c === 0x7d && st === S.ObjFirst) {
          this.closeContainer();
          i++;
          continue;
        }
        if (c !== 0x22) throw this.error(`expected a quoted key but found ${this.describe(c)}`, this.base + i);
        const end = this.stringEnd(buf, i);
        if (end < 0) return this.cut(buf, i, final);
        this.stack[this.stack.length - 1].key = this.escaped || !this.ascii ? this.decodeString(buf, i, end) : this.keyText(buf, i + 1, end);
        this.state = S.Colon;
        i = end + 1;
        continue;
      }
      // S.Value or S.ArrFirst
      if (c === 0x5d && st === S.ArrFirst) {
        this.closeContainer();
        i++;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        this.openContainer(c === 0x5b);
        i++;
        continue;
      }
      if (c === 0x22) {
        const end = this.stringEnd(buf, i);
        if (end < 0) return this.cut(buf, i, final);
        this.addValue(this.decodeString(buf, i, end));
        i = end + 1;
        continue;
      }
      if (isNumberByte(c)) {
        let j = i + 1;
        while (j < n && isNumberByte(buf[j])) j++;
        if (j === n && !final) return i;
        const text = buf.toString('latin1', i, j);
        if (!NUMBER_RE.test(text)) throw this.error(`bad number '${text}'`, this.base + i);
        this.addValue(INT_RE.test(text) ? BigInt(text) : Number(text));
        i = j;
        continue;
      }
      if (c === 0x74 || c === 0x66 || c === 0x6e) {
        const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
        if (i + word.length > n) {
          if (!final && buf.toString('latin1', i, n) === word.slice(0, n - i)) return i;
          throw this.error(`unexpected ${this.describe(c)}`, this.base + i);
        }
        if (buf.toString('latin1', i, i + word.length) !== word) throw this.error(`unexpected ${this.describe(c)}`, this.base + i);
        this.addValue(c === 0x74 ? true : c === 0x66 ? false : null);
        i += word.length;
        continue;
      }
      throw this.error(`expected a value but found ${this.describe(c)}`, this.base + i);
    }
    return n;
  }

  private cut(buf: Buffer, start: number, final: boolean): number {
    if (final) throw this.error('unterminated string', this.base + start);
    return start;
  }

  /** Index of the closing quote of the string opening at `start`, or -1 if cut. */
  private stringEnd(buf: Buffer, start: number): number {
    const n = buf.length;
    this.escaped = false;
    let high = 0;
    for (let j = start + 1; j < n; j++) {
      const c = buf[j];
      high |= c;
      if (c === 0x22) {
        this.ascii = high < 0x80;
        return j;
      }
      if (c === 0x5c) {
        this.escaped = true;
        j++;
      }
      else if (c < 0x20) throw this.error('control character in a string', this.base + j);
    }
    return -1;
  }

  /**
   * An ASCII key without escapes, reusing the string of an earlier equal key: record
   * files repeat a few keys millions of times, and one string per key spares the
   * allocations and lets property stores reuse its hash.
   */
  private keyText(buf: Buffer, start: number, end: number): string {
    const len = end - start;
    if (len > 32) return buf.latin1Slice(start, end);
    let h = len;
    for (let j = start; j < end; j++) h = (Math.imul(h, 31) + buf[j]) | 0;
    const cached = this.keys.get(h);
    if (cached !== undefined && cached.length === len) {
      let k = 0;
      while (k < len && cached.charCodeAt(k) === buf[start + k]) k++;
      if (k === len) return cached;
    }
    const text = buf.latin1Slice(start, end);
    if (this.keys.size >= 4096) this.keys.clear();
    this.keys.set(h, text);
    return text;
  }

  private decodeString(buf: Buffer, start: number, end: number): string {
    if (!this.escaped) return this.ascii ? buf.latin1Slice(start + 1, end) : buf.toString('utf8', start + 1, end);
    try {
      return JSON.parse(buf.toString('utf8', start, end + 1)) as string;
    } catch {
      throw this.error('bad escape in a string', this.base + start);
    }
  }

  private openContainer(isArray: boolean): void {
    const parent = this.stack.length ? this.stack[this.stack.length - 1] : undefined;
    if (parent) this.path.push(parent.isArray ? parent.count : parent.key);
    const streamed = isArray && this.hooks !== undefined && this.hooks.isStreamed(this.path);
    const frame: Frame = { container: isArray ? [] : (Object.create(null) as JsonObject), isArray, streamed, key: '', count: 0 };
    if (streamed) this.hooks!.onOpen?.(this.path, parent?.container);
    this.stack.push(frame);
    this.state = isArray ? S.ArrFirst : S.ObjFirst;
  }

  private closeContainer(): void {
    const frame = this.stack.pop()!;
    if (frame.streamed) this.hooks!.onClose?.(this.path);
    const value: JsonValue = frame.streamed ? [] : frame.container;
    if (this.stack.length) this.path.pop();
    this.addValue(value, frame.streamed);
  }

  private addValue(value: JsonValue, wasStreamed = false): void {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : undefined;
    if (!top) {
      this.root = wasStreamed ? undefined : value;
      this.state = S.Done;
      return;
    }
    if (top.isArray) {
      if (top.streamed) this.hooks!.onItem(this.path, value);
      else (top.container as JsonValue[]).push(value);
      top.count++;
      this.state = S.ArrNext;
    } else {
      (top.container as JsonObject)[top.key] = value;
      this.state = S.ObjNext;
    }
  }
}

/** Parses a whole buffer (no streaming). */
export function parseJsonBytes(buf: Uint8Array): JsonValue {
  const p = new JsonStreamParser();
  p.write(buf);
  return p.end() as JsonValue;
}
