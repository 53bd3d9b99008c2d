// Reading record files of every format upstream damo reads, told apart by content
// (spec/records.md §3): one snapshot at a time (bounded memory), or all at once.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInflate } from 'node:zlib';
import { UserError } from '../base/user-error.ts';
import type { DamonRecord, Snapshot } from '../model/record.ts';
import { type JsonObject, JsonStreamParser, JsonSyntaxError, type JsonPath, type JsonValue } from './json-stream-parser.ts';
import { RecordShapeError, asObject, kvToRecord, kvToRecordHead, kvToSnapshot } from './kv-to-record.ts';
import { LegacyFormatError, parseLegacyRecord } from './legacy-record-reader.ts';
import { LineSplitter, TraceParseError, TraceRecordsBuilder } from './perf-script-reader.ts';
import { intervalsProblem, snapshotProblem } from '../model/record-sanity.ts';
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
  /**
   * false: hand over what the kernel could never produce too (record-sanity.ts), for
   * `damo validate`, which names such problems itself. Default true: refuse them.
   */
  sanityChecks?: boolean;
}

/** Streams one record file, handing over each snapshot as soon as it is read. */
export async function streamRecordFile(path: string, handlers: RecordStreamHandlers, opts: StreamOptions = {}): Promise<void> {
  const { format } = await sniffFile(path);
  if (opts.sanityChecks !== false) handlers = withSanityChecks(path, handlers);
  switch (format) {
    case 'json':
    case 'json_compressed':
      return streamJsonRecords(path, format === 'json_compressed', handlers, opts);
    case 'perf_script':
      return emitAll(await readTraceText(path, opts), handlers);
    case 'perf_data':
      return emitAll(await readPerfData(path), handlers);
    case 'legacy_record':
    case 'binary':
      return emitAll(await readLegacy(path, format === 'legacy_record'), handlers);
    case 'gzip':
      throw new UserError(`cannot read ${path}: it is gzip data, but damo records are zlib-compressed JSON (gunzip it first)`);
  }
}

/** Refuses, naming the file, record and snapshot, any record the kernel could not have made. */
function withSanityChecks(path: string, handlers: RecordStreamHandlers): RecordStreamHandlers {
  let recordIdx = -1;
  let snapshotIdx = 0;
  let previous: Snapshot | null = null;
  const refuse = (what: string, problem: string): never => {
    throw new UserError(`cannot read ${path}: ${what}: ${problem}`);
  };
  const checkIntervals = (record: DamonRecord) => {
    const p = intervalsProblem(record.intervals);
    if (p) refuse(`record ${recordIdx}`, p);
  };
  return {
    onRecordStart: (record) => {
      recordIdx++;
      snapshotIdx = 0;
      previous = null;
      checkIntervals(record);
      handlers.onRecordStart?.(record);
    },
    onSnapshot: (record, snapshot) => {
      const p = snapshotProblem(snapshot, previous);
      if (p) refuse(`record ${recordIdx} snapshot ${snapshotIdx}`, p);
      previous = snapshot;
      snapshotIdx++;
      handlers.onSnapshot(record, snapshot);
    },
    onRecordEnd: (record) => {
      checkIntervals(record);
      handlers.onRecordEnd?.(record);
    },
  };
}

function emitAll(records: DamonRecord[], handlers: RecordStreamHandlers): void {
  for (const record of records) {
    const { snapshots } = record;
    record.snapshots = [];
    handlers.onRecordStart?.(record);
    for (const s of snapshots) handlers.onSnapshot(record, s);
    handlers.onRecordEnd?.(record);
  }
}

/** perf-script / trace-cmd-report text, read line by line. */
async function readTraceText(path: string, opts: StreamOptions): Promise<DamonRecord[]> {
  const builder = new TraceRecordsBuilder();
  const lines = new LineSplitter((l) => builder.addLine(l));
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: opts.chunkSize ?? 1 << 20 })) {
      lines.write(chunk as string);
    }
    lines.end();
    return builder.finish();
  } catch (e) {
    throw readError(path, e);
  }
}

/** perf.data: only perf itself reads it; its `perf script` text is parsed as upstream does. */
async function readPerfData(path: string): Promise<DamonRecord[]> {
  const builder = new TraceRecordsBuilder();
  const lines = new LineSplitter((l) => builder.addLine(l));
  const child = spawn('perf', ['script', '--force', '-i', path], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  exit.catch(() => {}); // awaited below; a spawn failure must not count as unhandled meanwhile
  try {
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) lines.write(chunk as string);
    const code = await exit;
    if (code !== 0) throw new UserError(`cannot read ${path}: 'perf script' failed on it (exit status ${code})`);
    lines.end();
    return builder.finish();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && (e as NodeJS.ErrnoException).syscall?.startsWith('spawn')) {
      throw new UserError(
        `cannot read ${path}: it is a perf.data file, which needs 'perf' (not found); run 'perf script -i ${path} > ${path}.script' where perf is installed, and read that file`,
      );
    }
    child.kill();
    throw readError(path, e);
  }
}

async function readLegacy(path: string, hasMagic: boolean): Promise<DamonRecord[]> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw openError(path, e);
  }
  try {
    return parseLegacyRecord(buf);
  } catch (e) {
    if (!(e instanceof LegacyFormatError)) throw e;
    if (hasMagic) throw new UserError(`cannot read ${path}: broken legacy damo record: ${e.message}`);
    throw new UserError(`cannot read ${path}: unknown binary data, not a damo record file`);
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
  let snapshotIdx = 0;
  const parser = new JsonStreamParser({
    isStreamed: (p) => p.length === 0 || isSnapshotsPath(p),
    onOpen: (p, parent) => {
      if (!isSnapshotsPath(p)) return;
      currentIdx = p[0] as number;
      snapshotIdx = 0;
      current = kvToRecordHead(parent as JsonObject, `records[${currentIdx}]`, false);
      handlers.onRecordStart?.(current);
    },
    onItem: (p, value) => {
      if (p.length === 2) {
        // counted here: a streaming handler need not keep the snapshots it was given
        const where = `records[${p[0]}].snapshots[${snapshotIdx++}]`;
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
  if (e instanceof TraceParseError) return new UserError(`cannot read ${path}: ${e.message}`);
  if (e instanceof RecordShapeError) return new UserError(`cannot read ${path}: not a damo record file: ${e.message}`);
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
    const why = err.code === 'Z_BUF_ERROR' ? 'the data is truncated' : err.message;
    return new UserError(`cannot read ${path}: corrupt zlib data (${why})`);
  }
  if (typeof err.code === 'string' && err.syscall) return openError(path, e);
  return e as Error;
}
