// `report footprints` (spec/reports.md §11, spec/records.md §4.7); expectations
// worked out by hand.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { footprintValues, formatFootprints, parseMemFootprints } from '../../../src/report/footprints.ts';
import { runDamo, tempDir } from '../wss/run-command.ts';

const statm = (size: number, resident: number) => ({ size, resident, shared: 0, trs: 0, lrs: 0, drs: 0, dt: 0 });
const meminfo = (total: number, free: number | null) => ({ total, free, available: 0, buffers: 0, cached: 0 });
const fileText = JSON.stringify([
  {
    time: 1.5,
    footprints: [
      { pid: 10, footprint: statm(100, 50) },
      { pid: '11', footprint: statm(20, 10) },
      { pid: null, footprint: meminfo(1000, 400) },
    ],
  },
  { time: 2.5, footprints: [{ pid: 10, footprint: statm(200, 60) }, { pid: null, footprint: meminfo(1000, 500) }] },
  { time: 3.5, footprints: [{ pid: 10, footprint: statm(50, 5) }, { pid: null, footprint: meminfo(1000, 100) }] },
]);
const snaps = parseMemFootprints(fileText, 'x');

test('values: pages times 4096 summed over processes; system used from KiB', () => {
  assert.deepEqual(footprintValues(snaps, 'vsz'), [491520n, 819200n, 204800n]);
  assert.deepEqual(footprintValues(snaps, 'rss'), [245760n, 245760n, 20480n]);
  assert.deepEqual(footprintValues(snaps, 'sys_used'), [614400n, 512000n, 921600n]);
});

test('text: sorted percentiles with bars', () => {
  const p = (s: string) => s.padStart(15);
  // avr 1515520/3 B = 493.333 KiB; 102400 B per column
  assert.equal(
    formatFootprints(snaps, ['vsz'], { percentiles: [0, 50, 100], sortBy: 'size', raw: false, nrColsBar: 8, printAll: false }),
    [
      '# <percentile> <vsz>',
      '# avr:\t493.333 KiB',
      `  0 ${p('200.000 KiB')} |**      |`,
      ` 50 ${p('480.000 KiB')} |****    |`,
      `100 ${p('800.000 KiB')} |********|`,
      '',
    ].join('\n'),
  );
  assert.equal(
    formatFootprints(snaps, ['rss'], { percentiles: [], sortBy: 'time', raw: true, nrColsBar: 8, printAll: true }),
    '# <percentile> <rss>\n# avr:\t170666\n0 245760\n1 245760\n2 20480\n',
  );
});

test('command: all metrics in order, and clear errors', async () => {
  const dir = tempDir('damo-footprints-');
  const path = join(dir, 'damon.data.mem_footprint');
  writeFileSync(path, fileText);
  const r = await runDamo(['report', 'footprints', '-i', path, '--raw_number', '-r', '100', '101', '1', '--nr_cols_bar', '0']);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      '# <percentile> <vsz>\n# avr:\t505173\n100 ' + p15('819200'),
      '# <percentile> <rss>\n# avr:\t170666\n100 ' + p15('245760'),
      '# <percentile> <sys_used>\n# avr:\t682666\n100 ' + p15('921600'),
      '',
    ].join('\n'),
  );
  const one = await runDamo(['report', 'footprints', 'sys_used', '-i', path, '--raw_number', '--all_footprint']);
  assert.equal(one.out, '# <percentile> <sys_used>\n# avr:\t682666\n0 512000\n1 614400\n2 921600\n');

  writeFileSync(join(dir, 'nofree'), JSON.stringify([{ time: 1, footprints: [{ pid: null, footprint: meminfo(1, null) }] }]));
  const missing = await runDamo(['report', 'footprints', 'sys_used', '-i', join(dir, 'nofree')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /lacks the system 'free'/);
  writeFileSync(join(dir, 'bad'), '{"a": 1}');
  assert.match((await runDamo(['report', 'footprints', '-i', join(dir, 'bad')])).err, /not a memory footprint file/);
  assert.match((await runDamo(['report', 'footprints', '-i', join(dir, 'none')])).err, /not found/);
});

function p15(s: string): string {
  return s.padStart(15);
}
