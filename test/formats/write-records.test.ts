// Writers: Python json.dumps(indent=4) bytes, upstream payloads reproduced, round trips,
// perf_script lines, and the temporary-file-then-rename discipline (spec/records.md §3).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { pyInt } from '../../src/base/py-num.ts';
import type { DamonRecord } from '../../src/model/record.ts';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { szFilterPassedText } from '../../src/formats/record-to-kv.ts';
import { recordsToJsonText, recordsToPerfScriptText, writeRecordFile } from '../../src/formats/write-records.ts';
import { needsUpstream, upstreamInput } from './conformance-inputs.ts';

const here = dirname(new URL(import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'damo-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function smallRecords(): DamonRecord[] {
  return [
    {
      kdamondIdx: 0,
      contextIdx: 1,
      intervals: { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 400, aggrs: 3n, minSampleUs: 5000n, maxSampleUs: 10000000n } },
      schemeIdx: 2,
      targetId: 18446623435582458880n,
      schemeFilters: [
        { filterType: 'memcg', matching: false, allow: true, memcgPath: '/café\n', addressRange: null, damonTargetIdx: null, hugepageSize: null },
        {
          filterType: 'addr',
          matching: true,
          allow: false,
          memcgPath: null,
          addressRange: { start: 4096n, end: 8192n },
          damonTargetIdx: 1n,
          hugepageSize: [2097152n, 18446744073709551615n],
        },
      ],
      snapshots: [
        {
          startTime: 82820852190262.03,
          endTime: 82820952659000n,
          regions: [
            { start: 4096n, end: 1052672n, nrAccesses: { samples: 3, percent: 12.5 }, age: { usec: 1500000, aggrIntervals: 15n }, probeHits: [1n, 2n], szFilterPassed: 33153024n },
            { start: 1052672n, end: 1056768n, nrAccesses: { samples: null, percent: 50 }, age: { usec: null, aggrIntervals: 1234n }, probeHits: [], szFilterPassed: 688128n },
            { start: 0n, end: 4096n, nrAccesses: null, age: null, probeHits: [], szFilterPassed: 0n },
          ],
          totalBytes: 1056768n,
          damosStats: { nrTried: 1n, szTried: 2n, nrApplied: 3n, szApplied: 4n, szOpsFilterPassed: 5n, qtExceeds: 6n, nrSnapshots: 7n, maxNrSnapshots: 8n },
          sampleIntervalUs: 5000n,
        },
      ],
      dataSource: 'unknown',
    },
    { kdamondIdx: null, contextIdx: null, intervals: null, schemeIdx: null, targetId: null, schemeFilters: [], snapshots: [], dataSource: 'damon_stat' },
  ];
}

test('JSON text is Python json.dumps(indent=4) of upstream key order and value forms', () => {
  // the golden file was made by Python's json.dumps of the kv layout of records.md §3.3
  const golden = readFileSync(join(here, 'golden/small-record.json'), 'utf8');
  assert.equal(recordsToJsonText(smallRecords()), golden);
  assert.equal(recordsToJsonText([]), '[]');
});

test('sz_filter_passed keeps upstream text when exact, else exact bytes', () => {
  assert.equal(szFilterPassedText(0n), '0 B');
  assert.equal(szFilterPassedText(688128n), '672.000 KiB');
  assert.equal(szFilterPassedText(32862371n), '31.340 MiB'); // what upstream's "31.340 MiB" reads as
  assert.equal(szFilterPassedText(33153024n), '33153024 B'); // "31.617 MiB" would read as 33152827
});

/** Upstream's decompressed payload vs ours, ignoring lines of keys upstream's old file lacks. */
function comparablePayload(text: string, dropKeys: Set<string>): string {
  return text
    .split('\n')
    .filter((l) => {
      const m = /^\s*"([a-z_]+)": /.exec(l);
      return !(m && dropKeys.has(m[1]));
    })
    .map((l) => l.replace(/,$/, ''))
    .join('\n');
}

const ALL_KEYS = [
  'kdamond_idx', 'context_idx', 'intervals', 'scheme_idx', 'scheme_filters', 'data_source', 'total_bytes',
  'damos_stats', 'sample_interval_us', 'probe_hits', 'sz_filter_passed', 'nr_snapshots', 'max_nr_snapshots',
];
/** JSON files store times with '%d' (upstream too): float times come back truncated. */
function timesTruncated(records: DamonRecord[]): DamonRecord[] {
  return records.map((r) => ({
    ...r,
    snapshots: r.snapshots.map((s) => ({ ...s, startTime: pyInt(s.startTime), endTime: pyInt(s.endTime) })),
  }));
}

const UPSTREAM_JSON_INPUTS = ['damon.data', 'damon.data.json_compressed', ...['active', 'inactive', 'anon', 'file', 'unmapped', 'hugepage', 'nofilter'].map((f) => `damon.data.snapshot.${f}`)];

test("our JSON of upstream's files equals their payload, except fields their version lacked", needsUpstream(), async () => {
  for (const name of UPSTREAM_JSON_INPUTS) {
    const theirs = inflateSync(readFileSync(upstreamInput(name))).toString('utf8');
    const ours = recordsToJsonText(await readRecordFile(upstreamInput(name)));
    const missing = new Set(ALL_KEYS.filter((k) => !theirs.includes(`"${k}": `)));
    assert.equal(comparablePayload(ours, missing), comparablePayload(theirs, missing), name);
    assert.doesNotThrow(() => JSON.parse(ours));
  }
});

test('round trips through every format keep the model', needsUpstream(), async () => {
  for (const name of [...UPSTREAM_JSON_INPUTS, 'perf.data.script']) {
    const records = await readRecordFile(upstreamInput(name));
    for (const format of ['json_compressed', 'json'] as const) {
      const out = join(dir, `rt-${name}.${format}`);
      await writeRecordFile(out, records, format);
      assert.deepEqual(await readRecordFile(out), timesTruncated(records), `${name} as ${format}`);
    }
  }
  const perf = await readRecordFile(upstreamInput('perf.data.script'));
  const out = join(dir, 'rt.perf_script');
  await writeRecordFile(out, perf, 'perf_script');
  assert.deepEqual(await readRecordFile(out), perf);
});

test('json_compressed is one zlib stream of the JSON text', async () => {
  const out = join(dir, 'small.data');
  await writeRecordFile(out, smallRecords(), 'json_compressed');
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 2)], [0x78, 0x9c]);
  assert.equal(inflateSync(bytes).toString('utf8'), recordsToJsonText(smallRecords()));
  const back = await readRecordFile(out, { sanityChecks: false });
  assert.deepEqual(back, timesTruncated(smallRecords()));
});

test('perf_script lines, fake end snapshot, unknown ages left out', async () => {
  const rec: DamonRecord = {
    ...smallRecords()[0],
    snapshots: [
      {
        startTime: 1745091985773302272n,
        endTime: 1745091985873302272n,
        regions: [
          { start: 4096n, end: 8192n, nrAccesses: { samples: 3, percent: null }, age: { usec: null, aggrIntervals: null }, probeHits: [], szFilterPassed: 0n },
          { start: 8192n, end: 12288n, nrAccesses: { samples: null, percent: 50 }, age: { usec: 300000, aggrIntervals: null }, probeHits: [], szFilterPassed: 0n },
        ],
        totalBytes: 8192n,
        damosStats: null,
        sampleIntervalUs: null,
      },
    ],
  };
  const text = recordsToPerfScriptText([rec]);
  assert.equal(
    text,
    [
      'kdamond.x xxxx xxxx 1745091985.873302: damon:damon_aggregated: target_id=18446623435582458880 nr_regions=2 4096-8192: 3',
      'kdamond.x xxxx xxxx 1745091985.873302: damon:damon_aggregated: target_id=18446623435582458880 nr_regions=2 8192-12288: 10 3',
      'kdamond.x xxxx xxxx 1745091985.973302: damon:damon_aggregated: target_id=18446623435582458880 nr_regions=1 0-0: -1 -1',
      '',
    ].join('\n'),
  );
  assert.equal(rec.snapshots.length, 1, 'the caller records are not changed');
  const p = join(dir, 'one.perf');
  await writeRecordFile(p, [rec], 'perf_script');
  const [back] = await readRecordFile(p);
  assert.equal(back.snapshots.length, 1);
  assert.deepEqual(back.snapshots[0].regions.map((r) => [r.nrAccesses?.samples, r.age?.aggrIntervals]), [[3, null], [10, 3n]]);
});

test('writing goes through a temporary file; modes; clear errors', async () => {
  const sub = join(dir, 'modes');
  mkdirSync(sub);
  const p = join(sub, 'rec.data');
  await writeRecordFile(p, smallRecords(), 'json', { mode: 0o600 });
  assert.equal(statSync(p).mode & 0o777, 0o600);
  await writeRecordFile(p, [], 'json'); // overwriting keeps the existing mode, as upstream's in-place writes
  assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.equal(readFileSync(p, 'utf8'), '[]');
  assert.deepEqual(readdirSync(sub), ['rec.data'], 'no temporary file left');
  await assert.rejects(writeRecordFile(join(dir, 'no/such/dir/x.data'), [], 'json'), /cannot write .*x\.data: the directory does not exist/);
  assert.equal(existsSync(join(dir, 'no')), false);
  writeFileSync(join(sub, 'keep.data'), 'old');
  await assert.rejects(writeRecordFile(join(sub, 'keep.data'), [], 'perf_data' as 'json'), /not a writable format/);
  assert.equal(readFileSync(join(sub, 'keep.data'), 'utf8'), 'old');
});
