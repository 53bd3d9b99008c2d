// `damo validate` (spec/records.md §7) on hand-made records.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type JsonRecordSpec, runDamo, tempDir, writeJsonRecords } from '../report/wss/run-command.ts';

const dir = tempDir('damo-validate-');
const ms = 1_000_000;
const ok3: [number, number, number][] = [
  [4096, 8192, 0],
  [8192, 12288, 24],
  [12288, 16384, 3],
];

/** 50 snapshots of 100 ms with three regions; `change` edits some of them. */
function file(name: string, change: (i: number) => Partial<{ lenMs: number; regions: [number, number, number][] }> = () => ({})) {
  let t = 0;
  const snapshots: JsonRecordSpec['snapshots'] = Array.from({ length: 50 }, (_, i) => {
    const c = change(i);
    const start = t;
    t += (c.lenMs ?? 100) * ms;
    return [start, t, c.regions ?? ok3];
  });
  return writeJsonRecords(join(dir, name), [{ target_id: 1, snapshots }]);
}

async function validate(...argv: string[]) {
  const r = await runDamo(['validate', ...argv]);
  return { code: r.code, text: r.out + r.err };
}

test('a plausible record passes silently', async () => {
  assert.deepEqual(await validate('-i', file('good')), { code: 0, text: '' });
});

test('2 % of 50 snapshots: one odd interval or region count is tolerated, two are not', async () => {
  assert.equal((await validate('-i', file('one-long', (i) => (i === 7 ? { lenMs: 200 } : {})))).code, 0);
  const two = await validate('-i', file('two-long', (i) => (i === 7 || i === 9 ? { lenMs: 200 } : {})));
  assert.deepEqual(two, { code: 1, text: 'invalid: expect 75000<=aggregate interval<=125000 but 200000' });
  // --allow_error takes a value (upstream crashes on any value given)
  assert.equal((await validate('-i', join(dir, 'two-long'), '--allow_error', '4')).code, 0);
  const few = (i: number) => (i % 20 === 0 ? { regions: ok3.slice(0, 2) } : {});
  assert.deepEqual(await validate('-i', file('few-regions', few)), {
    code: 1,
    text: 'invalid: expect 3<=nr_regions<=1200 but 2',
  });
  assert.equal((await validate('-i', join(dir, 'few-regions'), '--nr_regions', '2', '10')).code, 0);
});

test('access counts, empty regions and boundaries have no tolerance', async () => {
  const hot = file('hot', (i) => (i === 3 ? { regions: [[0, 4096, 25]] as [number, number, number][] } : {}));
  assert.deepEqual(await validate('-i', hot, '--nr_regions', '1', '3'), { code: 1, text: 'invalid: expect 0<=nr_accesses<=24 but 25' });
  const empty = file('empty', (i) => (i === 3 ? { regions: [[4096, 4096, 0], ...ok3.slice(1)] as [number, number, number][] } : {}));
  assert.deepEqual(await validate('-i', empty), { code: 1, text: 'wrong region [4096, 4096)' });
  const good = join(dir, 'good');
  assert.equal((await validate('-i', good, '--regions_boundary', '0-8192', '8192-16384')).code, 0);
  assert.deepEqual(await validate('-i', good, '--regions_boundary', '4096-12288'), {
    code: 1,
    text: 'region 12288-16384 out of the boundary',
  });
  const loose = await validate('-i', good, '--regions_boundary', '0-16384', '77');
  assert.equal(loose.code, 0);
  assert.match(loose.text, /ignoring the boundary '77'/);
});

test('missing files, empty records and bad options are clear errors', async () => {
  assert.deepEqual(await validate('-i', join(dir, 'none')), { code: 1, text: `the file (${join(dir, 'none')}) not found` });
  writeFileSync(join(dir, 'no-records'), '[]');
  assert.deepEqual(await validate('-i', join(dir, 'no-records')), { code: 1, text: 'target snapshots is zero' });
  assert.equal((await validate('-i', join(dir, 'good'), '--allow_error', 'lots')).code, 1);
  assert.equal((await validate('-i', join(dir, 'good'), '--regions_boundary', 'a-b')).code, 1);
});
