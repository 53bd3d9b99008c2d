// The readers against upstream's expected `report access --raw_form` outputs: a dump
// of our model in that layout (test/formats/raw-form-dump.ts) must equal them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { UPSTREAM_INPUTS, needsUpstream, upstreamInput } from './conformance-inputs.ts';
import { rawFormDump } from './raw-form-dump.ts';

const expects = join(UPSTREAM_INPUTS, '../expects');
const trimEnd = (s: string) => s.replace(/\n+$/, '');

for (const [input, expected] of [
  ['damon.data', 'report-raw'],
  ['damon.data.json_compressed', 'report-raw'],
  ['perf.data.script', 'report-raw_perf_script'],
]) {
  test(`${input} reads to upstream's ${expected}`, needsUpstream(), async () => {
    const records = await readRecordFile(upstreamInput(input));
    assert.equal(trimEnd(rawFormDump(records)), trimEnd(readFileSync(join(expects, expected), 'utf8')));
  });
}

test('perf.data.script in tiny chunks reads the same', needsUpstream(), async () => {
  const whole = await readRecordFile(upstreamInput('perf.data.script'));
  assert.deepEqual(await readRecordFile(upstreamInput('perf.data.script'), { chunkSize: 13 }), whole);
});
