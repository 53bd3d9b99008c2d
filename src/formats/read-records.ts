// Reading record files of every format upstream damo reads, told apart by content
// (spec/records.md §3): one snapshot at a time (bounded memory), or all at once.
import { createReadStream } from 'node:fs';
import { createInflate } from 'node:zlib';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { type JsonObject, JsonStreamParser, JsonSyntaxError, type JsonPath, type JsonValue } from './json-stream-parser.ts';
import { RecordShapeError, asObject, kvToRecord, kvToRecordHead, kvToSnapshot } from './kv-to-record.ts';
import { openError, sniffFile } from './sniff-format.ts';

export interface RecordStreamHandlers {
  /** A record begins; its `snapshots` stays empty while streaming. */
  onRecordStart?(record: DamonRecord): void;
  onSnapshot(record: DamonRecord, snapshot: Snapshot): void;
  /** The record is complete (fields written after its snapshots are filled in now). */
  onRecordEnd?(record: DamonRecord): void;
}

export interface StreamOptions {
  /** Bytes per read (tests use tiny chunks to exercise chunk boundaries). */
  chunkSize?: number;
}

/** Streams one record file, handing over each snapshot as soon as it is read. */
export async function streamRecordFile(path: string, handlers: RecordStreamHandlers, opts: StreamOptions = {}): Promise<void> {
  const { format } = await sniffFile(path);
  switch (format) {
    case 'json':
    case 'json_compressed':
      return streamJsonRecords(path, format === 'json_compressed', handlers, opts);
    case 'gzip':
      throw new UserError(`cannot read ${path}: it is gzip data, but damo records are zlib-compressed JSON (gunzip it first)`);
    case 'perf_data':
      throw new UserError(`cannot read ${path}: perf.data files are not supported yet; give the output of 'perf script' instead`);
    default:
      throw new UserError(`cannot read ${path}: not a damo record file (${format} formats are not supported yet)`);
  }
}

/** Reads one record file whole. */
export async function readRecordFile(path: string, opts: StreamOptions = {}): Promise<DamonRecord[]> {
  const records: DamonRecord[] = [];
  await streamRecordFile(
    path,
    {
      onSnapshot: (record, snapshot) => {
        record.snapshots.push(snapshot);
      },
      onRecordEnd: (record) => {
        records.push(record);
      },
    },
    opts,
  );
  return records;
}

/** Reads several files and concatenates their records, as upstream's --input does. */
export async function readRecordFiles(paths: string[]): Promise<DamonRecord[]> {
  const all: DamonRecord[] = [];
  for (const p of paths) all.push(...(await readRecordFile(p)));
  return all;
}

function isSnapshotsPath(path: JsonPath): boolean {
  return path.length === 2 && typeof path[0] === 'number' && path[1] === 'snapshots';
}

async function streamJsonRecords(
  path: string,
  compressed: boolean,
  handlers: RecordStreamHandlers,
  opts: StreamOptions,
): Promise<void> {
  let current: DamonRecord | null = null;
  let currentIdx = -1;
  const parser = new JsonStreamParser({
    isStreamed: (p) => p.length === 0 || isSnapshotsPath(p),
    onOpen: (p, parent) => {
      if (!isSnapshotsPath(p)) return;
      currentIdx = p[0] as number;
      current = kvToRecordHead(parent as JsonObject, `records[${currentIdx}]`, false);
      handlers.onRecordStart?.(current);
    },
    onItem: (p, value) => {
      if (p.length === 2) {
        const where = `records[${p[0]}].snapshots[${(current as DamonRecord).snapshots.length}]`;
        handlers.onSnapshot(current as DamonRecord, kvToSnapshot(value, where));
        return;
      }
      finishRecord(value);
    },
  });
  let nrRecords = 0;
  const finishRecord = (value: JsonValue) => {
    const idx = nrRecords++;
    const where = `records[${idx}]`;
    if (current === null || currentIdx !== idx) {
      // "snapshots" was not a list (kvToRecord reports it) or the record is tiny anyway
      const record = kvToRecord(value, where);
      const snapshots = record.snapshots;
      record.snapshots = [];
      handlers.onRecordStart?.(record);
      for (const s of snapshots) handlers.onSnapshot(record, s);
      handlers.onRecordEnd?.(record);
      return;
    }
    const head = kvToRecordHead(asObject(value, where), where, true);
    const record: DamonRecord = current;
    const { snapshots } = record;
    Object.assign(record, head, { snapshots });
    current = null;
    handlers.onRecordEnd?.(record);
  };

  try {
    const input = createReadStream(path, { highWaterMark: opts.chunkSize ?? 1 << 20 });
    if (compressed) {
      const inflate = createInflate({ chunkSize: opts.chunkSize && opts.chunkSize >= 64 ? opts.chunkSize : undefined });
      let compressedBytes = 0;
      input.on('data', (c) => {
        compressedBytes += c.length;
      });
      input.pipe(inflate);
      input.on('error', (e) => inflate.destroy(e));
      for await (const chunk of inflate) parser.write(chunk as Buffer);
      if (inflate.bytesWritten < compressedBytes) {
        throw new UserError(`cannot read ${path}: extra data after the end of the zlib stream`);
      }
    } else {
      for await (const chunk of input) parser.write(chunk as Buffer);
    }
    const root = parser.end();
    if (root !== undefined) throw new RecordShapeError('top level', 'expected a list of records');
  } catch (e) {
    throw readError(path, e);
  }
}

function readError(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  if (e instanceof JsonSyntaxError) return new UserError(`cannot read ${path}: bad JSON: ${e.message}`);
  if (e instanceof RecordShapeError) return new UserError(`cannot read ${path}: not a damo record file: ${e.message}`);
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
    const why = err.code === 'Z_BUF_ERROR' ? 'the data is truncated' : err.message;
    return new UserError(`cannot read ${path}: corrupt zlib data (${why})`);
  }
  if (typeof err.code === 'string' && err.syscall) return openError(path, e);
  return e as Error;
}
