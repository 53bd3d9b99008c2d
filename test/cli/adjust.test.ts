// `damo adjust` (spec/records.md §5): what it writes, read back with our reader.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRecordFile } from '../../src/formats/read-records.ts';
import { runDamo, tempDir, writeJsonRecords } from '../report/wss/run-command.ts';

const dir = tempDir('damo-adjust-');
const ms = 1_000_000;
// 25 snapshots of 100 ms; snapshot i: [0,4096) with i samples, [4096,8192) with 1 in odd ones.
const input = writeJsonRecords(join(dir, 'in.json'), [
  {
    target_id: 3,
    snapshots: Array.from({ length: 25 }, (_, i) => [
      i * 100 * ms,
      (i + 1) * 100 * ms,
      [
        [0, 4096, i],
        [4096, 8192, i % 2],
      ],
    ]),
  },
]);

const samplesOf = (s: { regions: { nrAccesses: { samples: number | null } | null }[] }) =>
  s.regions.map((r) => r.nrAccesses?.samples);

test('--aggregate_interval merges after skipping 20 snapshots; the short tail is dropped', async () => {
  const out = join(dir, 'adjusted.data');
  const r = await runDamo(['adjust', '-i', input, '-o', out, '--aggregate_interval', '200000']);
  assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const [rec] = await readRecordFile(out);
  assert.equal(rec.targetId, 3n);
  // windows: snapshots 20+21 and 22+23; 24 alone is shorter than 200 ms
  assert.deepEqual(
    rec.snapshots.map((s) => [s.startTime, s.endTime]),
    [
      [2000000000n, 2200000000n],
      [2200000000n, 2400000000n],
    ],
  );
  assert.deepEqual(rec.snapshots.map(samplesOf), [
    [41, 1],
    [45, 1],
  ]);
});

test('--skip, --output_type, --output_permission and filters', async () => {
  const out = join(dir, 'adjusted.json');
  const r = await runDamo([
    'adjust', '-i', input, '-o', out, '--skip', '0', '--aggregate_interval', '1000000',
    '--output_type', 'json', '--output_permission', '640', '--address', '0', '4096',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal(statSync(out).mode & 0o777, 0o640);
  assert.equal(readFileSync(out, 'utf8')[0], '[');
  const [rec] = await readRecordFile(out);
  // two 1-second windows (0-9, 10-19); [4096,8192) was cut away by --address
  assert.deepEqual(rec.snapshots.map(samplesOf), [[45], [145]]);
});

test('without --aggregate_interval nothing is merged and --skip is ignored, as upstream', async () => {
  const out = join(dir, 'filtered.data');
  assert.equal((await runDamo(['adjust', '-i', input, '-o', out, '--skip', '5', '--sz_region', '1', '4096'])).code, 0);
  const [rec] = await readRecordFile(out);
  assert.equal(rec.snapshots.length, 25);
  assert.equal(rec.snapshots[24].regions.length, 2, 'both regions are 4096 bytes');
});

test('more snapshots skipped than recorded: an empty record, not a crash; bad options are errors', async () => {
  const out = join(dir, 'empty.data');
  assert.equal((await runDamo(['adjust', '-i', input, '-o', out, '--skip', '100', '--aggregate_interval', '1000'])).code, 0);
  assert.deepEqual((await readRecordFile(out))[0].snapshots, []);
  for (const bad of [['--output_permission', '9x'], ['--aggregate_interval', '1.5'], ['--skip', '-1'], ['-i', join(dir, 'none')]]) {
    const r = await runDamo(['adjust', '-i', input, '-o', join(dir, 'never.data'), ...bad]);
    assert.notEqual(r.code, 0, bad.join(' '));
    assert.match(r.err, /^[^\n]+$/);
  }
  assert.throws(() => statSync(join(dir, 'never.data')));
});
