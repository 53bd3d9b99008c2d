// `report holistic` (spec/reports.md §13) on a record and side files written here.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatFootprintTable, holisticWss, hotspotSlice } from '../../../src/report/holistic.ts';
import { record, snapshot } from '../wss/build-records.ts';
import { runDamo } from '../../cli/run-command.ts';
import { tempDir, writeJsonRecords } from '../wss/run-command.ts';

const MiB = 1 << 20;
const s = 1_000_000_000;

test('table: upstream widths, a trailing space on every row, percentiles by index', () => {
  const t = formatFootprintTable([
    ['wss', [0n, 1024n, 2048n, 4096n]],
    ['sys_used', [BigInt(3 * MiB)]],
  ]);
  // p/100*len: 0->0, 25->1, 50->2, 75->3, 100->4 clamped to 3
  assert.equal(
    t,
    `percentile               0              25              50              75             100\n` +
      `       wss             0 B          1024 B       2.000 KiB       4.000 KiB       4.000 KiB \n` +
      `  sys_used       3.000 MiB       3.000 MiB       3.000 MiB       3.000 MiB       3.000 MiB \n`,
  );
});

test('wss: the first 20 snapshots are left out only when there are over 200', () => {
  const snaps = (n: number) => Array.from({ length: n }, (_, i) => snapshot(i * s, (i + 1) * s, [[0, (i + 1) * 4096, 1]]));
  assert.equal(holisticWss([record(snaps(200))], 'time')[0], 4096n);
  assert.equal(holisticWss([record(snaps(201))], 'time')[0], 21n * 4096n);
  assert.equal(holisticWss([record(snaps(3))], 'size').length, 3);
});

test('hotspot: short form keeps lines 5-20 of perf report, long form the first 30', () => {
  const text = Array.from({ length: 40 }, (_, i) => `l${i}`).join('\n');
  assert.deepEqual(hotspotSlice(text, false), Array.from({ length: 16 }, (_, i) => `l${i + 5}`));
  assert.equal(hotspotSlice(text, true).length, 30);
});

function fixture(): { dir: string; rec: string; perf: string } {
  const dir = tempDir('damo-holistic-');
  // two address ranges of one target (a gap between them in every snapshot), 4 snapshots of 1 s
  const rec = writeJsonRecords(join(dir, 'rec.data'), [
    {
      target_id: 7,
      snapshots: [0, 1, 2, 3].map((i) => [
        i * s,
        (i + 1) * s,
        [
          [0, MiB, i],
          [MiB, 2 * MiB, 0],
          [4 * MiB, 6 * MiB, 3],
        ],
      ]),
    },
  ]);
  const fp = (size: number, resident: number, free: number) => ({
    time: 1,
    footprints: [
      { pid: 1, footprint: { size, resident, shared: 0, trs: 0, lrs: 0, drs: 0, dt: 0 } },
      { pid: null, footprint: { total: 4 * 1024 * 1024, free, available: 0, buffers: 0, cached: 0 } },
    ],
  });
  writeFileSync(join(dir, 'rec.data.mem_footprint'), JSON.stringify([fp(512, 256, 3 * 1024 * 1024), fp(1024, 512, 2 * 1024 * 1024)]));
  const perf = join(dir, 'perf');
  writeFileSync(perf, '#!/bin/sh\n[ "$1 $2" = "report -i" ] || exit 9\nfor i in $(seq 0 40); do echo "perf line $i of $3"; done\n');
  chmodSync(perf, 0o755);
  writeFileSync(join(dir, 'rec.data.profile'), 'stand-in');
  return { dir, rec, perf };
}

test('command: short form sections, maps as report heatmap draws them, footprints, hot functions', async () => {
  const f = fixture();
  const r = await runDamo(['report', 'holistic', '--access_pattern', f.rec, '--perf_path', f.perf, '--no_color']);
  assert.equal(r.code, 0, r.err);
  const map = async (a: number, b: number) =>
    (
      await runDamo([
        'report', 'heatmap', '--input', f.rec, '--resol', '5', '80', '--address_range', String(a), String(b),
        '--time_range', '0', String(4 * s), '--stdout_skip_colorset_example', '--no_color', '--abs_time', '--abs_addr',
      ])
    ).out;
  const expected =
    '# Heatmap\n' +
    `# target 7, address range 0-${2 * MiB}\n${await map(0, 2 * MiB)}` +
    `# target 7, address range ${4 * MiB}-${6 * MiB}\n${await map(4 * MiB, 6 * MiB)}` +
    '\n# Memory Footprints Distribution\n' +
    `percentile               0              25              50              75             100\n` +
    // wss: every region with a sample: 2 MiB in snapshot 0, 3 MiB after
    `       wss       2.000 MiB       3.000 MiB       3.000 MiB       3.000 MiB       3.000 MiB \n` +
    // rss/vsz: pages * 4096 (256 and 512 pages; 512 and 1024 pages); sys_used: (total-free) KiB.
    // Two values: percentile 25 takes index int(0.5) = 0. Exactly 1 MiB or 1 GiB prints
    // in the unit below (format_sz's strict >).
    `       rss    1024.000 KiB    1024.000 KiB       2.000 MiB       2.000 MiB       2.000 MiB \n` +
    `       vsz       2.000 MiB       2.000 MiB       4.000 MiB       4.000 MiB       4.000 MiB \n` +
    `  sys_used    1024.000 MiB    1024.000 MiB       2.000 GiB       2.000 GiB       2.000 GiB \n` +
    '\n# Hotspot functions\n' +
    Array.from({ length: 16 }, (_, i) => `perf line ${i + 5} of ${f.rec}.profile\n`).join('');
  assert.equal(r.out, expected);
});

test('command: --long sections; missing side files are left out with a note', async () => {
  const f = fixture();
  const r = await runDamo(['report', 'holistic', '--access_pattern', f.rec, '--perf_path', f.perf, '--no_color', '--long']);
  assert.equal(r.code, 0, r.err);
  const titles = r.out.split('\n').filter((l, i, all) => /^[=-]+$/.test(all[i + 1] ?? ''));
  assert.deepEqual(titles, [
    'Overall recorded access pattern',
    'Heatmap',
    'Working Set Size and Memory Footprints Distribution',
    'Sorted by size',
    'Sorted by time',
    'Hotspot functions',
  ]);
  assert.match(r.out, /^target_id: 7\ntime: \[0, 4000000000\) \(4000000000\)\nregion\t 0: \[0, 2097152\) \(2097152\)\n/m);
  assert.match(r.out, /^# target 7\n# address range 0-2097152\n/m);
  assert.equal((r.out.match(/^# <percentile> <wss>$/gm) ?? []).length, 2);
  assert.match(r.out, /perf line 29 of .*\n# you can get above via 'damo report profile'\n$/);
  const bare = await runDamo(['report', 'holistic', '--access_pattern', f.rec, '--footprints', join(f.dir, 'none'), '--profile', join(f.dir, 'none.profile'), '--perf_path', f.perf, '--no_color']);
  assert.equal(bare.code, 0, bare.err);
  assert.match(bare.out, /wss {7}2\.000 MiB.*\n$/);
  assert.doesNotMatch(bare.out, /rss|Hotspot/);
  assert.match(bare.err, /no memory footprints at .*none/);
  assert.match(bare.err, /no CPU profile at .*none\.profile/);
});
