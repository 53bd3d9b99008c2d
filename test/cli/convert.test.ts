// `damo convert_record_format` (spec/records.md §6).
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { runDamo, tempDir, writeJsonRecords } from '../report/wss/run-command.ts';

const dir = tempDir('damo-convert-');
const ms = 1_000_000;
const spec = [
  {
    target_id: 9,
    snapshots: [0, 1, 2].map((i) => [i * 100 * ms, (i + 1) * 100 * ms, [[4096, 8192 * (i + 1), i + 1]]] as [number, number, [number, number, number][]]),
  },
];

const summary = async (path: string) =>
  (await readRecordFile(path)).map((r) => ({
    tid: r.targetId,
    snaps: r.snapshots.map((s) => [s.endTime, s.regions.map((x) => [x.start, x.end, x.nrAccesses?.samples])]),
  }));

test('in place: the format changes, the content and the file mode stay', async () => {
  const path = writeJsonRecords(join(dir, 'damon.data'), spec);
  chmodSync(path, 0o640);
  const before = await summary(path);
  const r = await runDamo(['convert_record_format', '--record_file', path]);
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.equal(readFileSync(path)[0], 0x78, 'json_compressed is zlib data');
  assert.equal(statSync(path).mode & 0o777, 0o640);
  assert.deepEqual(await summary(path), before);
});

test('to another file, as json and as perf script text', async () => {
  const path = writeJsonRecords(join(dir, 'src.json'), spec);
  const before = await summary(path);
  for (const format of ['json', 'perf_script']) {
    const out = join(dir, `out.${format}`);
    const r = await runDamo(['convert_record_format', '--record_file', path, '--format', format, '--output_file', out]);
    assert.equal(r.code, 0, r.err);
    const after = await summary(out);
    // perf script text has no snapshot start for the first one, but ends, regions and samples survive
    assert.deepEqual(after, before, format);
  }
  assert.equal(readFileSync(join(dir, 'out.json'), 'utf8')[0], '[');
});

test('a missing input is one clear error and writes nothing', async () => {
  const r = await runDamo(['convert_record_format', '--record_file', join(dir, 'none'), '--output_file', join(dir, 'x')]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `record file (${join(dir, 'none')}) does not exist`);
  assert.throws(() => statSync(join(dir, 'x')));
});
