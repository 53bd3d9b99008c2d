// `damo report wss`, `nr_regions` and `record_info` command lines on small record files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runDamo, tempDir, writeJsonRecords } from './run-command.ts';

const dir = tempDir('damo-wss-cli-');
const ms = 1_000_000;
// Two targets; 22 snapshots of 100 ms each. Target 1: [0,4096) accessed in odd snapshots,
// [4096,12288) always. Target 2: [0,8192) accessed from snapshot 20 on.
const file = writeJsonRecords(join(dir, 'two.json'), [
  {
    target_id: 1,
    snapshots: Array.from({ length: 22 }, (_, i) => [
      i * 100 * ms,
      (i + 1) * 100 * ms,
      [
        [0, 4096, i % 2],
        [4096, 12288, 5],
      ],
    ]),
  },
  {
    target_id: 2,
    snapshots: Array.from({ length: 22 }, (_, i) => [i * 100 * ms, (i + 1) * 100 * ms, [[0, 8192, i >= 20 ? 1 : 0]]]),
  },
]);

test('wss: targets summed by default, the first 20 snapshots left out', async () => {
  // Snapshots 20, 21: target 1 has 8192 and 12288, target 2 has 8192 and 8192 -> 16384, 20480.
  const r = await runDamo(['report', 'wss', '-i', file, '-r', '0', '101', '100', '--raw_number', '--nr_cols_bar', '5']);
  assert.equal(r.code, 0, r.err);
  // 4096 bytes per bar column: 4 and 5 stars.
  assert.equal(
    r.out,
    `# target_id\t0\n# <percentile> <wss>\n# avr:\t18432\n  0 ${'16384'.padStart(15)} |**** |\n100 ${'20480'.padStart(15)} |*****|\n`,
  );
});

test('wss --per_target --exclude_samples 0 --work_time', async () => {
  const r = await runDamo(['report', 'wss', '-i', file, '--per_target', '--exclude_samples', '0', '--work_time', '200000', '--all_wss', '--raw_number']);
  assert.equal(r.code, 0, r.err);
  // 200 ms windows: target 1 always sees both regions accessed (12288) in 11 windows;
  // target 2 has 10 windows of 0 and one of 8192.
  const lines = r.out.split('\n');
  assert.equal(lines[0], '# target_id\t1');
  assert.equal(lines[2], '# avr:\t12288');
  assert.equal(lines.slice(3, 14).every((l, i) => l === `${i} 12288`), true);
  assert.equal(lines[14], '# target_id\t2');
  assert.equal(lines[16], `# avr:\t${Math.trunc(8192 / 11)}`);
  assert.equal(lines[27], '10 8192');
});

test('wss option errors are one clear line', async () => {
  for (const argv of [
    ['--exclude_samples', 'x'],
    ['-r', '0', '200', '50'],
    ['--plot', 'out.txt'],
    ['-i', join(dir, 'missing')],
  ]) {
    const r = await runDamo(['report', 'wss', '-i', file, ...argv]);
    assert.notEqual(r.code, 0, argv.join(' '));
    assert.equal(r.out, '');
    assert.match(r.err, /^[^\n]+$/);
  }
});

test('nr_regions and record_info from a file', async () => {
  const n = await runDamo(['report', 'nr_regions', '-i', file, '-r', '50', '51', '1']);
  assert.equal(n.out, '# <percentile> <# regions>\n# target_id\t1\n# avr:\t2\n50\t2\n# target_id\t2\n# avr:\t1\n50\t1\n');
  const info = await runDamo(['report', 'record_info', '-i', file, file, '--raw_numbers']);
  // Same ids from both files share one guide per target; larger address space first.
  assert.equal(
    info.out,
    'target_id: 1\ntime: [0, 2200000000) (2200000000)\nregion\t 0: [0, 12288) (12288)\n' +
      'target_id: 2\ntime: [0, 2200000000) (2200000000)\nregion\t 0: [0, 8192) (8192)\n',
  );
});
