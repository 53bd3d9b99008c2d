// Tells record file formats apart by their first bytes, never by running file(1)
// (upstream does, and misreads plain JSON: spec/records.md §3.1, §12 item 1).
import { open } from 'node:fs/promises';
import { UserError } from '../base/user-error.ts';

export type SniffedFormat = 'json_compressed' | 'json' | 'perf_script' | 'perf_data' | 'legacy_record' | 'gzip' | 'binary';

export const SNIFF_BYTES = 64 * 1024;
const LEGACY_MAGIC = 'damon_recfmt_ver';

/** A zlib (RFC 1950) header as every zlib writer with a 32 KiB window makes it: 78 01/5e/9c/da. */
export function isZlibHeader(b0: number, b1: number): boolean {
  return b0 === 0x78 && ((b0 << 8) | b1) % 31 === 0;
}

function isTextByte(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || (c >= 0x20 && c !== 0x7f);
}

/** Decides the format of a file's first bytes (`head` may be the whole file). */
export function sniffBytes(head: Uint8Array): SniffedFormat {
  if (head.length >= 2 && isZlibHeader(head[0], head[1])) return 'json_compressed';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const ascii = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 16)).toString('latin1');
  if (ascii.startsWith('PERFILE2') || ascii.startsWith('PERFFILE')) return 'perf_data';
  if (ascii.startsWith(LEGACY_MAGIC)) return 'legacy_record';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // a UTF-8 byte order mark
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (head[i] === 0x5b || head[i] === 0x7b) return 'json';
  // Text: no NUL and almost only printable bytes (UTF-8 continuation bytes count as text).
  let odd = 0;
  for (let j = 0; j < head.length; j++) {
    const c = head[j];
    if (c === 0) return 'binary';
    if (!isTextByte(c)) odd++;
  }
  return odd * 100 <= head.length ? 'perf_script' : 'binary';
}

/** Reads the head of a file and sniffs it; missing and empty files are user errors. */
export async function sniffFile(path: string): Promise<{ format: SniffedFormat; size: number }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw openError(path, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new UserError(`cannot read ${path}: it is a directory`);
    if (st.size === 0) throw new UserError(`cannot read ${path}: the file is empty`);
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { format: sniffBytes(buf.subarray(0, bytesRead)), size: st.size };
  } finally {
    await fh.close();
  }
}

export function openError(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${path} not found`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot read ${path}: permission denied`);
  if (code === 'EISDIR') return new UserError(`cannot read ${path}: it is a directory`);
  return new UserError(`cannot read ${path}: ${(e as Error).message}`);
}
