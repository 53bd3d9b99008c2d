// `report access --raw_form` streamed over files (src/cli/raw-form-files.ts) must print
// what the in-memory dump prints for the same filtered records, also when the held
// record body spills to a temporary file.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { streamRawForm } from '../../src/cli/raw-form-files.ts';
import { SpillBuffer } from '../../src/cli/spill-buffer.ts';
import { readRecordFiles } from '../../src/formats/read-records.ts';
import { writeRecordFile } from '../../src/formats/write-records.ts';
import type { DamonRecord } from '../../src/model/record.ts';
import { rawFormText } from '../../src/report/access/raw-form.ts';
import { filterRecords, recordFilterOptionsFromArgs } from '../../src/report/record-filters.ts';
import { runDamo } from './run-command.ts';
import { syntheticSnapshot } from '../../bench/synthetic-record.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-rawform-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function record(targetId: bigint, nrSnapshots: number, dataSource: string, withIntervals = true): DamonRecord {
  return {
    kdamondIdx: null,
    contextIdx: null,
    intervals: withIntervals
      ? { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 0n, aggrs: 0n, minSampleUs: 0n, maxSampleUs: 0n } }
      : null,
    schemeIdx: null,
    targetId,
    schemeFilters: [],
    snapshots: Array.from({ length: nrSnapshots }, (_, i) => syntheticSnapshot(i, 20)),
    dataSource,
  };
}

const cases: [string, Record<string, unknown>][] = [
  ['no filter', {}],
  ['snapshot index after a size filter', { sz_snapshot: [['1', 'max']], snapshot_idx: [['1', '2']] }],
  ['access pattern and address', { access_rate: ['10%', '60%'], address: [['5GiB', '20GiB']] }],
  ['everything filtered out', { snapshot_idx: [['100', '200']] }],
];

for (const [name, filterArgs] of cases) {
  test(`streamed raw form equals the in-memory dump: ${name}`, async () => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.json`);
    await writeRecordFile(file, [record(1n, 4, 'unknown'), record(2n, 3, 'damon_stat', false)], 'json');
    const filters = recordFilterOptionsFromArgs(filterArgs);
    const expected = rawFormText(filterRecords(await readRecordFiles([file]), filters), true);
    for (const limit of [1 << 20, 100]) {
      let out = '';
      const held = new SpillBuffer(limit);
      const nr = await streamRawForm([file, file], filters, true, (t) => (out += t), held);
      assert.equal(nr, 4);
      assert.equal(out, expected + expected);
    }
  });
}

test('the CLI: no record, and records whose snapshots are all filtered out', async () => {
  const empty = join(dir, 'empty.json');
  await writeRecordFile(empty, [], 'json');
  const none = await runDamo(['report', 'access', '--raw_form', '-i', empty]);
  assert.equal(none.out, `No record in ['${empty}']\n\n`);
  const file = join(dir, 'one.json');
  await writeRecordFile(file, [record(1n, 2, 'unknown')], 'json');
  const filtered = await runDamo(['report', 'access', '--raw_form', '-i', file, '--snapshot_idx', '5', '6']);
  assert.equal(filtered.out, '\n');
  const all = await runDamo(['report', 'access', '--raw_form', '-i', file]);
  assert.match(all.out, /^base_time_absolute: .*\ndata source: unknown\n\nmonitoring_start: /);
  assert.ok(all.out.endsWith('\n\n'));
});

test('a spilled buffer gives its text back in order and removes its file', () => {
  const b = new SpillBuffer(10);
  const parts = ['abc', 'défg', 'hijklmnop', 'q'.repeat(3000), 'end'];
  for (const p of parts) b.write(p);
  const spillDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('damo-spill-')).length;
  const before = spillDirs();
  let got = '';
  b.drainTo((t) => (got += t));
  assert.equal(got, parts.join(''));
  assert.equal(spillDirs(), before - 1);
});
