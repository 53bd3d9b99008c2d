// Reading json / json_compressed records: upstream's test inputs (read in place) and
// small hand-made files for the input tolerance rules of spec/records.md §3.3.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { readRecordFile, readRecordFiles } from '../../src/formats/read-records.ts';
import { needsUpstream, upstreamInput } from './conformance-inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-read-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('upstream damon.data (json_compressed, old layout): counts, exact ids and times', needsUpstream(), async () => {
  for (const name of ['damon.data', 'damon.data.json_compressed']) {
    const records = await readRecordFile(upstreamInput(name));
    assert.equal(records.length, 1);
    const [r] = records;
    assert.equal(r.targetId, 18446623438842320000n); // beyond 2^53: must not go through a double
    assert.equal(r.kdamondIdx, null);
    assert.equal(r.intervals, null);
    assert.deepEqual(r.schemeFilters, []);
    assert.equal(r.dataSource, 'unknown');
    assert.equal(r.snapshots.length, 543);
    assert.equal(
      r.snapshots.reduce((n, s) => n + s.regions.length, 0),
      9773,
    );
    assert.equal(r.snapshots[0].startTime, 539809434100n);
    assert.equal(r.snapshots.at(-1)!.endTime, 596606618651n);
    const last = r.snapshots.at(-1)!.regions.at(-1)!;
    assert.equal(last.start, 140734916370432n);
    assert.equal(last.end, 140734916927488n);
    assert.deepEqual(last.nrAccesses, { samples: 0, percent: null });
    assert.deepEqual(last.age, { usec: null, aggrIntervals: null });
    assert.deepEqual(last.probeHits, []);
    assert.equal(last.szFilterPassed, 0n);
    // no total_bytes in this old file: the sum of the region sizes
    const s0 = r.snapshots[0];
    assert.equal(s0.totalBytes, s0.regions.reduce((t, x) => t + x.end - x.start, 0n));
  }
});

test('upstream snapshot records: intervals, filters, lossy sz_filter_passed', needsUpstream(), async () => {
  const [r] = await readRecordFile(upstreamInput('damon.data.snapshot.active'));
  assert.equal(r.kdamondIdx, 0);
  assert.equal(r.schemeIdx, 0);
  assert.equal(r.targetId, null);
  assert.deepEqual(r.intervals, {
    sampleUs: 150000n,
    aggrUs: 3000000n,
    opsUpdateUs: 1000000n,
    goal: { accessBp: 400, aggrs: 1n, minSampleUs: 5000n, maxSampleUs: 150000n },
  });
  assert.deepEqual(r.schemeFilters, [
    {
      filterType: 'active',
      matching: true,
      allow: true,
      memcgPath: '',
      addressRange: { start: 0n, end: 0n },
      damonTargetIdx: 0n,
      hugepageSize: [0n, 0n],
    },
  ]);
  const s = r.snapshots[0];
  assert.equal(s.startTime, 1748191609649802240n);
  assert.equal(s.totalBytes, 64282951680n);
  assert.equal(s.regions[0].age?.aggrIntervals, 5n);
  assert.equal(s.regions[0].szFilterPassed, 32862371n); // "31.340 MiB", as Python's int(31.340 * 2**20)
  assert.equal(s.damosStats?.nrSnapshots, 0n); // absent in this file: defaults to 0
  const [h] = await readRecordFile(upstreamInput('damon.data.snapshot.hugepage'));
  assert.deepEqual(h.schemeFilters[0].hugepageSize, [2097152n, 18446744073709551615n]);
});

test('human strings, numbers and missing keys read as upstream reads them', async () => {
  const text = JSON.stringify([
    {
      target_id: 7,
      snapshots: [
        {
          start_time: '20,197 d 19 h 46 m 25 s 773 ms 302 us 272 ns',
          end_time: 1745091985873302272,
          regions: [
            {
              start: '4,294,967,296',
              end: 4294971392,
              nr_accesses: { samples: '3', percent: 12.5 },
              age: { usec: '1 s 500 ms', aggr_intervals: '5,913' },
              sz_filter_passed: '4 KiB',
              probe_hits: [1, '2'],
            },
            { start: '0', end: 'max' },
          ],
          total_bytes: null,
          sample_interval_us: '5 ms',
        },
      ],
    },
  ]).replace('1745091985873302300', '1745091985873302272'); // JSON.stringify of a big number rounds
  // the forms are what is tested here, not whether the kernel could produce them
  const [r] = await readRecordFile(file('human.json', text), { sanityChecks: false });
  assert.equal(r.targetId, 7n);
  assert.equal(r.kdamondIdx, null);
  assert.deepEqual(r.schemeFilters, []);
  assert.equal(r.dataSource, 'unknown');
  const s = r.snapshots[0];
  assert.equal(s.endTime, 1745091985873302272n);
  assert.equal(typeof s.startTime, 'number'); // a time text reads as a float in upstream too
  assert.equal(s.sampleIntervalUs, 5000);
  const [a, b] = s.regions;
  assert.deepEqual(a.nrAccesses, { samples: 3, percent: 12.5 });
  assert.deepEqual(a.age, { usec: 1500000, aggrIntervals: 5913n });
  assert.equal(a.szFilterPassed, 4096n);
  assert.deepEqual(a.probeHits, [1n, 2n]);
  assert.equal(b.end, 18446744073709551615n);
  assert.equal(b.nrAccesses, null);
  assert.equal(b.age, null);
  assert.equal(s.totalBytes, 4096n + 18446744073709551615n);
});

test('a negative multi-unit age reads back whole (upstream negates only the first pair)', async () => {
  const text = `[{"target_id": 0, "snapshots": [{"start_time": "0", "end_time": "1", "regions": [
    {"start": "0", "end": "4096", "nr_accesses": {"samples": 0, "percent": null},
     "age": {"usec": "-1 s 500 ms", "aggr_intervals": null}}]}]}]`;
  const [r] = await readRecordFile(file('negage.json', text), { sanityChecks: false });
  assert.equal(r.snapshots[0].regions[0].age?.usec, -1500000);
});

test('every zlib header variant and several files', async () => {
  const text = '[{"target_id": 1, "snapshots": []}]';
  const paths = [0, 1, 6, 9].map((level) => file(`z${level}.data`, deflateSync(Buffer.from(text), { level })));
  const records = await readRecordFiles(paths);
  assert.equal(records.length, 4);
  for (const r of records) assert.equal(r.targetId, 1n);
});

test('tiny chunks give the same records as one big chunk', needsUpstream(), async () => {
  const whole = await readRecordFile(upstreamInput('damon.data.snapshot.file'));
  for (const chunkSize of [1, 7, 64]) {
    assert.deepEqual(await readRecordFile(upstreamInput('damon.data.snapshot.file'), { chunkSize }), whole);
  }
});

async function rejects(path: string, re: RegExp): Promise<void> {
  await assert.rejects(readRecordFile(path), (e: Error) => {
    assert.equal(e.name, 'UserError', e.stack);
    assert.match(e.message, re);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

test('bad files give one clear line naming the file and the problem', async () => {
  await rejects(join(dir, 'nope.data'), /nope\.data not found/);
  await rejects(file('empty.data', ''), /empty\.data: the file is empty/);
  const z = deflateSync(Buffer.from('[{"target_id": 1, "snapshots": []}]'));
  await rejects(file('trunc.data', z.subarray(0, z.length - 6)), /trunc\.data: corrupt zlib data \(the data is truncated\)/);
  const bad = Buffer.from(z);
  bad[5] ^= 0xff;
  await rejects(file('corrupt.data', bad), /corrupt\.data: (corrupt zlib data|bad JSON)/);
  await rejects(file('garbage.data', Buffer.concat([z, Buffer.from('xyz')])), /garbage\.data: extra data after the end of the zlib stream/);
  await rejects(file('badjson.json', '[\n  {"target_id": 1,, }\n]'), /badjson\.json: bad JSON: expected a quoted key but found ',' at line 2 column 19/);
  await rejects(file('cut.json', '[{"target_id": 1, "snapsh'), /cut\.json: bad JSON: unterminated string/);
  await rejects(file('obj.json', '{"target_id": 1}'), /obj\.json: not a damo record file: top level: expected a list of records/);
  await rejects(file('nosnap.json', '[{"target_id": 1}]'), /records\[0\]: the required key 'snapshots' is missing/);
  await rejects(file('notid.json', '[{"snapshots": []}]'), /records\[0\]: the required key 'target_id' is missing/);
  await rejects(
    file('badaddr.json', '[{"target_id": 1, "snapshots": [{"start_time": 0, "end_time": 1, "regions": [{"start": "x1", "end": 2}]}]}]'),
    /records\[0\]\.snapshots\[0\]\.regions\[0\]\.start: cannot read the text 'x1' as an address/,
  );
  await rejects(
    file('noage.json', '[{"target_id": 1, "snapshots": [{"start_time": 0, "end_time": 1, "regions": [{"start": 1, "end": 2, "nr_accesses": {"samples": 1}}]}]}]'),
    /regions\[0\]: the required key 'age' is missing/,
  );
});
