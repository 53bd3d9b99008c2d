// damo replay: a record's accesses replayed by a child process, paced to the record, with
// progress lines; records too big for the cap or for RAM refused in one line; --test_perf.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { writeRecordFile } from '../../src/formats/write-records.ts';
import type { DamonRecord, Region } from '../../src/model/record.ts';
import { runDamo } from './run-command.ts';

const MiB = 1 << 20;
const dir = mkdtempSync(join(tmpdir(), 'damo-replay-'));

function reg(start: number, end: number, samples: number): Region {
  return { start: BigInt(start), end: BigInt(end), nrAccesses: { samples, percent: null }, age: { usec: null, aggrIntervals: 1n }, probeHits: [], szFilterPassed: null };
}

function rec(nr: number, regions: () => Region[]): DamonRecord {
  return {
    kdamondIdx: 0,
    contextIdx: 0,
    intervals: { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n } },
    schemeIdx: null,
    targetId: 0n,
    schemeFilters: [],
    dataSource: 'unknown',
    snapshots: Array.from({ length: nr }, (_, i) => ({
      startTime: 1_000_000_000n + BigInt(i) * 100_000_000n,
      endTime: 1_000_000_000n + BigInt(i + 1) * 100_000_000n,
      regions: regions(),
      totalBytes: 0n,
      damosStats: null,
      sampleIntervalUs: null,
    })),
  };
}

async function recordFile(name: string, records: DamonRecord[]): Promise<string> {
  const p = join(dir, name);
  await writeRecordFile(p, records, 'json');
  return p;
}

const progressLine = /^\d\/5 snapshots replayed in \d+\.\d{3} seconds$/;

test('replay paces five 100 ms snapshots and reports progress', async () => {
  const base = 0x7f0000000000;
  const file = await recordFile('five.json', [rec(5, () => [reg(base, base + MiB, 10), reg(base + MiB, base + 4 * MiB, 0), reg(base + 4 * MiB, base + 5 * MiB, 20)])]);
  const t0 = Date.now();
  const r = await runDamo(['replay', file, '--progress_notice_interval', '0.2'], { PATH: process.env.PATH });
  const took = Date.now() - t0;
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.pop(), 'all snapshots are replayed');
  assert.ok(lines.length >= 1 && lines.length <= 3, r.out);
  for (const l of lines) assert.match(l, progressLine);
  const idxs = lines.map((l) => Number(l.split('/')[0]));
  assert.deepEqual(idxs, [...idxs].sort(), 'in snapshot order');
  assert.ok(took >= 450, `five 100 ms snapshots took ${took} ms`);
});

test('the bundled damo runs the replaying child from dist/', async () => {
  const file = await recordFile('two.json', [rec(2, () => [reg(0x100000, 0x200000, 5)])]);
  const damo = resolve('damo');
  const r = spawnSync(damo, ['replay', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'all snapshots are replayed\n');
});

test('records bigger than the cap or than RAM are refused before anything runs', async () => {
  const huge = await recordFile('huge.json', [rec(1, () => [reg(0, 2 ** 40, 1)])]);
  let r = await runDamo(['replay', huge], {});
  assert.equal(r.code, 1);
  assert.match(r.err, /^damo: the record touches 1024\.000 GiB of memory, more than this machine's RAM \(.*\); replay needs as much memory as the record touches\n$/);
  const mid = await recordFile('mid.json', [rec(1, () => [reg(0, 64 * MiB, 1)])]);
  r = await runDamo(['replay', mid, '--max_mem', '16M'], {});
  assert.match(r.err, /^damo: the record touches 64\.000 MiB of memory, more than the replay may use \(16\.000 MiB\); raise --max_mem/);
  r = await runDamo(['replay', mid, '--max_mem', '1P'], {});
  assert.match(r.err, /^damo: --max_mem 1024\.000 TiB is more than this machine's RAM/);
  r = await runDamo(['replay', join(dir, 'missing.data')], {});
  assert.equal(r.err, `damo: no such record file: ${join(dir, 'missing.data')}\n`);
  r = await runDamo(['replay', mid, '--progress_notice_interval', 'soon'], {});
  assert.match(r.err, /--progress_notice_interval: 'soon' is not a time/);
});

test('--test_perf reports how fast memory can be touched', async () => {
  const r = await runDamo(['replay', '--test_perf', '--test_perf_sz_mem', '4M', '--test_perf_runtime', '1.5s'], {});
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.ok(lines.length >= 1, r.out);
  for (const l of lines) assert.match(l, /^replayer can access \d+\.\d{3} [KMGT]iB memory per second$/);
});
