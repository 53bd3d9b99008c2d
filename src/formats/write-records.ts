// Writes record files in the formats damo writes (spec/records.md §3.2-3.4.4), snapshot
// by snapshot (no whole-file string), to a temporary file renamed into place at the end.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate } from 'node:zlib';
import { replaceFile } from '../base/atomic-file.ts';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord } from '../model/record.ts';
import { perfScriptChunks } from './perf-script-writer.ts';
import { type PyJson, pyJsonDumps, pyJsonString } from '../base/py-json.ts';
import { recordHeadToKv, snapshotToKv } from './record-to-kv.ts';

export type RecordFileFormat = 'json_compressed' | 'json' | 'perf_script';
export const RECORD_FILE_FORMATS: readonly RecordFileFormat[] = ['json_compressed', 'json', 'perf_script'];

const IND = (level: number) => '\n' + '    '.repeat(level);

function members(kv: { [k: string]: PyJson }, level: number): string[] {
  return Object.keys(kv).map((k) => `${pyJsonString(k)}: ${pyJsonDumps(kv[k], level)}`);
}

/**
 * json.dumps([r.to_kvpairs(raw=True) ...], indent=4) in pieces, one per snapshot; the
 * pieces joined are the exact JSON text (no trailing newline).
 */
export function* jsonRecordChunks(records: DamonRecord[]): Generator<string> {
  if (records.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const { before, after } = recordHeadToKv(r);
    let head = (i === 0 ? '' : ',') + IND(1) + '{' + IND(2);
    head += members(before, 2).join(',' + IND(2));
    head += ',' + IND(2) + '"snapshots": ';
    if (r.snapshots.length === 0) {
      yield head + '[]';
    } else {
      yield head + '[';
      for (let j = 0; j < r.snapshots.length; j++) {
        yield (j === 0 ? '' : ',') + IND(3) + pyJsonDumps(snapshotToKv(r.snapshots[j]), 3);
      }
      yield IND(2) + ']';
    }
    yield ',' + IND(2) + members(after, 2).join(',' + IND(2)) + IND(1) + '}';
  }
  yield '\n]';
}

export function recordsToJsonText(records: DamonRecord[]): string {
  return [...jsonRecordChunks(records)].join('');
}

export function recordsToPerfScriptText(records: DamonRecord[]): string {
  return [...perfScriptChunks(records)].join('');
}

/** Joins small pieces into ~256 KiB strings so stream overhead stays low. */
function* batched(chunks: Iterable<string>, size = 256 * 1024): Generator<string> {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export interface WriteOptions {
  /** File mode; by default an existing file keeps its mode and a new one gets 0644 less the umask. */
  mode?: number;
}

/** Writes records to `path` in `format`; the file appears complete or not at all. */
export async function writeRecordFile(path: string, records: DamonRecord[], format: RecordFileFormat, opts: WriteOptions = {}): Promise<void> {
  if (!RECORD_FILE_FORMATS.includes(format)) throw new UserError(`cannot write records as '${format}': not a writable format`);
  let mode = opts.mode;
  if (mode === undefined) {
    try {
      mode = (await stat(path)).mode & 0o7777;
    } catch {
      // a new file
    }
  }
  const chunks = format === 'perf_script' ? perfScriptChunks(records) : jsonRecordChunks(records);
  const source = Readable.from(batched(chunks), { objectMode: false });
  await replaceFile(
    path,
    async (tmp) => {
      const out = createWriteStream(tmp, { flags: 'wx', mode: mode ?? 0o666 }); // the umask applies to 0o666
      if (format === 'json_compressed') await pipeline(source, createDeflate(), out);
      else await pipeline(source, out);
    },
    mode,
  );
}
