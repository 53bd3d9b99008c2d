// Content sniffing (spec/records.md §3.1, without file(1)), the legacy binary format
// (§3.7), perf.data through `perf script` (§3.5), and errors for foreign data.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { sniffBytes } from '../../src/formats/sniff-format.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-sniff-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('sniffing by content', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');
  for (const level of [0, 1, 6, 9]) assert.equal(sniffBytes(deflateSync(b('[]'), { level })), 'json_compressed');
  assert.equal(sniffBytes(b('[\n    {')), 'json');
  assert.equal(sniffBytes(b('  \n\t[')), 'json');
  assert.equal(sniffBytes(b('{"a": 1}')), 'json');
  assert.equal(sniffBytes(b('       kdamond.0  4452 [000] 82820.952659: damon:damon_aggregated: x')), 'perf_script');
  assert.equal(sniffBytes(b('PERFILE2\0\0\0\0')), 'perf_data');
  assert.equal(sniffBytes(b('damon_recfmt_ver\x02\0\0\0')), 'legacy_record');
  assert.equal(sniffBytes(Buffer.from([0x1f, 0x8b, 8, 0])), 'gzip');
  assert.equal(sniffBytes(Buffer.from([1, 2, 0, 200, 3])), 'binary');
});

/** Our own encoder of the legacy layout, for the test only. */
function legacy(version: number | null, blocks: [number, number, [bigint, [bigint, bigint, number][]][]][]): Buffer {
  const parts: Buffer[] = [];
  if (version !== null) {
    const h = Buffer.alloc(20);
    h.write('damon_recfmt_ver', 'latin1');
    h.writeInt32LE(version, 16);
    parts.push(h);
  }
  for (const [sec, nsec, targets] of blocks) {
    const h = Buffer.alloc(20);
    h.writeBigInt64LE(BigInt(sec));
    h.writeBigInt64LE(BigInt(nsec), 8);
    h.writeUInt32LE(targets.length, 16);
    parts.push(h);
    for (const [tid, regions] of targets) {
      const t = Buffer.alloc(version === 1 ? 8 : 12);
      if (version === 1) t.writeInt32LE(Number(tid));
      else t.writeBigUInt64LE(tid);
      t.writeUInt32LE(regions.length, version === 1 ? 4 : 8);
      parts.push(t);
      for (const [s, e, nr] of regions) {
        const r = Buffer.alloc(20);
        r.writeBigUInt64LE(s);
        r.writeBigUInt64LE(e, 8);
        r.writeUInt32LE(nr >>> 0, 16);
        parts.push(r);
      }
    }
  }
  return Buffer.concat(parts);
}

test('legacy binary records: with and without the header, version 1 ids', async () => {
  const blocks: [number, number, [bigint, [bigint, bigint, number][]][]][] = [
    [100, 0, [[42n, [[4096n, 8192n, 3], [8192n, 16384n, 0]]]]],
    [100, 100000000, [[42n, [[4096n, 16384n, 5]]]]],
    [100, 200000000, [[42n, [[4096n, 16384n, 1]]]]],
  ];
  for (const [name, version] of [['v2.rec', 2], ['v0.rec', null], ['v1.rec', 1]] as const) {
    const [r] = await readRecordFile(file(name, legacy(version, blocks)));
    assert.equal(r.targetId, 42n, name);
    assert.deepEqual(
      r.snapshots.map((s) => [s.startTime, s.endTime, s.regions.length, s.totalBytes]),
      [
        [100e9 - 1e8, 100000000000n, 2, 12288n],
        [100000000000n, 100100000000n, 1, 12288n],
        [100100000000n, 100200000000n, 1, 12288n],
      ],
    );
    assert.deepEqual(r.snapshots[0].regions[0].nrAccesses, { samples: 3, percent: null });
  }
  // a one-snapshot record with the fake end snapshot damo's old writer added
  const fake = legacy(2, [
    [5, 0, [[1n, [[0n, 4096n, 2]]]]],
    [5, 50000000, [[1n, [[0n, 0n, -1]]]]],
  ]);
  const [f] = await readRecordFile(file('fake.rec', fake));
  assert.equal(f.snapshots.length, 1);
  assert.equal(f.snapshots[0].startTime, 5e9 - 5e7);
  const unsorted = legacy(2, [
    [5, 0, [[1n, [[0n, 4096n, 2]]]]],
    [4, 0, [[1n, [[0n, 4096n, 2]]]]],
  ]);
  await assert.rejects(readRecordFile(file('unsorted.rec', unsorted)), /unsorted\.rec: broken legacy damo record: snapshot is not sorted by time/);
  await assert.rejects(readRecordFile(file('short.rec', legacy(2, blocks).subarray(0, 60))), /short\.rec: broken legacy damo record: the file ends inside/);
});

test('foreign data gets a clear error', async () => {
  await assert.rejects(readRecordFile(file('random.bin', Buffer.from([0, 1, 2, 3, 250, 251, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1]))), /random\.bin: unknown binary data, not a damo record file/);
  await assert.rejects(readRecordFile(file('x.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]))), /x\.gz: it is gzip data/);
  mkdirSync(join(dir, 'adir'));
  await assert.rejects(readRecordFile(join(dir, 'adir')), /adir: it is a directory/);
});

test('perf.data goes through `perf script`, or says what to do without perf', async () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const perfData = file('perf.data', Buffer.concat([Buffer.from('PERFILE2'), Buffer.alloc(64)]));
  const fakePerf = join(bin, 'perf');
  // a stand-in perf printing two region events for the file it is given
  writeFileSync(
    fakePerf,
    `#!/bin/sh\n[ "$1 $2 $3" = "script --force -i" ] || exit 3\n[ -f "$4" ] || exit 4\necho 'kdamond.0  1 [000] 1.000000: damon:damon_aggregated: target_id=7 nr_regions=1 0-4096: 1 2'\necho 'kdamond.0  1 [000] 1.100000: damon:damon_aggregated: target_id=7 nr_regions=1 0-4096: 3 0'\necho 'noise on stderr' >&2\n`,
  );
  chmodSync(fakePerf, 0o755);
  const savedPath = process.env.PATH;
  try {
    process.env.PATH = `${bin}:${savedPath}`;
    const [r] = await readRecordFile(perfData);
    assert.equal(r.targetId, 7n);
    assert.equal(r.snapshots.length, 2);
    writeFileSync(fakePerf, '#!/bin/sh\nexit 255\n');
    await assert.rejects(readRecordFile(perfData), /perf\.data: 'perf script' failed on it \(exit status 255\)/);
    process.env.PATH = join(dir, 'empty-path');
    await assert.rejects(readRecordFile(perfData), /perf\.data: it is a perf\.data file, which needs 'perf' \(not found\); run 'perf script/);
  } finally {
    process.env.PATH = savedPath;
  }
});
