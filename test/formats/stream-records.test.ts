// Snapshot-at-a-time reading: callback order, fields written after the snapshots, and
// chunk boundaries anywhere (1-byte reads through zlib and the JSON tokenizer).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { DamonRecord, Snapshot } from '../../src/model/record.ts';
import { readRecordFile, streamRecordFile } from '../../src/formats/read-records.ts';
import { writeRecordFile } from '../../src/formats/write-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function records(nrRecords: number, nrSnapshots: number, nrRegions: number): DamonRecord[] {
  const out: DamonRecord[] = [];
  for (let r = 0; r < nrRecords; r++) {
    const snapshots: Snapshot[] = [];
    for (let s = 0; s < nrSnapshots; s++) {
      const regions = [];
      for (let g = 0; g < nrRegions; g++) {
        const start = BigInt(g) * 4096n + (1n << 40n);
        regions.push({
          start,
          end: start + 4096n,
          nrAccesses: { samples: (g * 7 + s) % 21, percent: null },
          age: { usec: null, aggrIntervals: BigInt(s + g) },
          probeHits: [],
          szFilterPassed: BigInt(g * 100),
        });
      }
      snapshots.push({
        startTime: BigInt(s) * 100000000n,
        endTime: BigInt(s + 1) * 100000000n,
        regions,
        totalBytes: BigInt(nrRegions) * 4096n,
        damosStats: null,
        sampleIntervalUs: null,
      });
    }
    out.push({
      kdamondIdx: r,
      contextIdx: 0,
      intervals: null,
      schemeIdx: null,
      targetId: 18446744073709551000n + BigInt(r),
      schemeFilters: [],
      snapshots,
      dataSource: r % 2 ? 'damon_stat' : 'unknown',
    });
  }
  return out;
}

test('callbacks come in order, with fields after "snapshots" filled at the record end', async () => {
  const recs = records(3, 4, 5);
  for (const format of ['json', 'json_compressed', 'perf_script'] as const) {
    const p = join(dir, `order.${format}`);
    await writeRecordFile(p, recs, format);
    const events: string[] = [];
    await streamRecordFile(p, {
      onRecordStart: (r) => events.push(`start ${r.targetId}`),
      onSnapshot: (r, s) => {
        assert.equal(r.snapshots.length, 0, 'snapshots are handed over, not kept');
        events.push(`snapshot ${s.regions.length}`);
      },
      onRecordEnd: (r) => events.push(`end ${r.targetId} ${format === 'perf_script' ? '' : r.dataSource}`),
    });
    const expected: string[] = [];
    for (const r of recs) {
      expected.push(`start ${r.targetId}`, ...r.snapshots.map(() => 'snapshot 5'), `end ${r.targetId} ${format === 'perf_script' ? '' : r.dataSource}`);
    }
    assert.deepEqual(events, expected, format);
  }
});

test('any chunk size reads the same records', async () => {
  const recs = records(2, 3, 4);
  for (const format of ['json', 'json_compressed', 'perf_script'] as const) {
    const p = join(dir, `chunks.${format}`);
    await writeRecordFile(p, recs, format);
    const whole = await readRecordFile(p);
    if (format !== 'perf_script') assert.deepEqual(whole, recs);
    for (const chunkSize of [1, 2, 3, 5, 64, 4096]) {
      assert.deepEqual(await readRecordFile(p, { chunkSize }), whole, `${format} in ${chunkSize}-byte chunks`);
    }
  }
});

test('a record that is not well-formed fails wherever the chunks break', async () => {
  const p = join(dir, 'cut.json');
  await writeRecordFile(p, records(1, 2, 2), 'json');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const text = readFileSync(p, 'utf8');
  writeFileSync(p, text.slice(0, text.length - 40));
  for (const chunkSize of [1, 3, 1 << 20]) {
    await assert.rejects(readRecordFile(p, { chunkSize }), /cut\.json: bad JSON: unexpected end of data/);
  }
});
