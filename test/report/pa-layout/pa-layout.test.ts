// `report pa_layout` (spec/reports.md §17) on a hand-made /proc/iomem and memory
// block tree; every expected line is worked out in the comments.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { iomemResources, paLayout } from '../../../src/report/pa-layout.ts';
import { runDamo } from '../../cli/run-command.ts';

const IOMEM = `00000000-00000fff : Reserved
00001000-0009fbff : System RAM
0009fc00-0009ffff : Reserved
000a0000-000bffff : PCI Bus 0000:00
000f0000-000fffff : System ROM
00100000-bffdffff : System RAM
  01000000-01ffffff : Kernel code
bffe0000-bfffffff : Reserved
c0000000-febfffff : PCI Bus 0000:00
100000000-63fffffff : System RAM
`;

/** 128 MiB blocks: 0-23 (0-3 GiB) and 32-39 (4-5 GiB) on node 0; 40-199 (5-25 GiB) on node 1, block 45 offline. */
function fakeSystem(): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'damo-pa-layout-'));
  writeFileSync(join(dir, 'iomem'), IOMEM);
  const sys = join(dir, 'sys');
  const mem = join(sys, 'devices/system/memory');
  mkdirSync(mem, { recursive: true });
  writeFileSync(join(mem, 'block_size_bytes'), '8000000\n');
  const blocks: [number, number][] = [];
  for (let i = 0; i < 24; i++) blocks.push([i, 0]);
  for (let i = 32; i < 40; i++) blocks.push([i, 0]);
  for (let i = 40; i < 200; i++) blocks.push([i, 1]);
  for (const [i, nid] of blocks) {
    mkdirSync(join(mem, `memory${i}`));
    writeFileSync(join(mem, `memory${i}`, 'state'), i === 45 ? 'offline\n' : 'online\n');
    mkdirSync(join(sys, `devices/system/node/node${nid}/memory${i}`), { recursive: true });
  }
  return { env: { DAMO_IOMEM: join(dir, 'iomem'), DAMO_SYSFS_ROOT: sys }, dir };
}

const HEADER = '#         start            end\tnode\tstate\tresource\tsize';
const line = (s: string, e: string, rest: string) => `${s.padStart(15)} ${e.padStart(15)}\t${rest}`;
// Low memory sits in block 0 (node 0, online); the PCI window at 3-4 GiB has no block
// and is left out; the RAM above 4 GiB is cut where node or state changes. A piece of
// exactly 1 GiB prints as 1024.000 MiB (format_sz compares with a strict >).
const NODE0 = [
  line('0 B', '4.000 KiB', '0\tonline\tReserved\t4.000 KiB'),
  line('4.000 KiB', '639.000 KiB', '0\tonline\tSystem RAM\t635.000 KiB'),
  line('639.000 KiB', '640.000 KiB', '0\tonline\tReserved\t1024 B'),
  line('640.000 KiB', '768.000 KiB', '0\tonline\tPCI Bus 0000:00\t128.000 KiB'),
  line('960.000 KiB', '1024.000 KiB', '0\tonline\tSystem ROM\t64.000 KiB'),
  // 0xbffe0000 = 3 GiB - 128 KiB (2.99988 GiB); size 2.99890 GiB
  line('1024.000 KiB', '3.000 GiB', '0\tonline\tSystem RAM\t2.999 GiB'),
  line('3.000 GiB', '3.000 GiB', '0\tonline\tReserved\t128.000 KiB'),
  line('4.000 GiB', '5.000 GiB', '0\tonline\tSystem RAM\t1024.000 MiB'),
];
const NODE1 = [
  line('5.000 GiB', '5.625 GiB', '1\tonline\tSystem RAM\t640.000 MiB'),
  line('5.625 GiB', '5.750 GiB', '1\toffline\tSystem RAM\t128.000 MiB'),
  line('5.750 GiB', '25.000 GiB', '1\tonline\tSystem RAM\t19.250 GiB'),
];
const DEFAULT_RANGE = 'Default paddr monitoring range: [4.000 KiB, 25.000 GiB) (size 25.000 GiB)';

test('iomem: top-level resources only, end inclusive in the file', () => {
  const r = iomemResources(IOMEM);
  assert.equal(r.length, 9);
  assert.deepEqual(r[0], { start: 0n, end: 0x1000n, name: 'Reserved' });
  assert.deepEqual(r[8], { start: 0x100000000n, end: 0x640000000n, name: 'System RAM' });
});

test('resource pieces follow runs of blocks of one node and state', () => {
  const pieces = paLayout(
    [{ start: 0n, end: 1000n, name: 'x' }],
    [
      { index: 3n, nid: 1, state: 'online' },
      { index: 0n, nid: 0, state: 'online' },
      { index: 1n, nid: 0, state: 'online' },
      { index: 2n, nid: 0, state: 'offline' },
    ],
    100n,
  );
  assert.deepEqual(
    pieces.map((p) => [p.start, p.end, p.nid, p.state]),
    [
      [0n, 200n, 0, 'online'],
      [200n, 300n, 0, 'offline'],
      [300n, 400n, 1, 'online'],
    ],
  );
});

test('command: the whole table and the default paddr range', async () => {
  const { env } = fakeSystem();
  const r = await runDamo(['report', 'pa_layout'], env);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${[HEADER, ...NODE0, ...NODE1, DEFAULT_RANGE].join('\n')}\n`);
});

test('command: --numa_node filters, node 0 included', async () => {
  const { env } = fakeSystem();
  assert.equal((await runDamo(['report', 'pa_layout', '--numa_node', '1'], env)).out, `${[HEADER, ...NODE1, DEFAULT_RANGE].join('\n')}\n`);
  assert.equal((await runDamo(['report', 'pa_layout', '--numa_node', '0'], env)).out, `${[HEADER, ...NODE0, DEFAULT_RANGE].join('\n')}\n`);
});

test('command: --numa_addr gives the node System RAM ranges; --raw_number plain numbers', async () => {
  const { env } = fakeSystem();
  // node 0: RAM within blocks 0-23 and 32-39: [4K, 639K), [1M, 3G-128K), [4G, 5G)
  assert.equal(
    (await runDamo(['report', 'pa_layout', '--numa_addr', '0'], env)).out,
    '[4.000 KiB, 639.000 KiB) (size 635.000 KiB)\n[1024.000 KiB, 3.000 GiB) (size 2.999 GiB)\n[4.000 GiB, 5.000 GiB) (size 1024.000 MiB)\n',
  );
  assert.equal((await runDamo(['report', 'pa_layout', '--numa_addr', '1', '--raw_number'], env)).out, '[5368709120, 26843545600) (size 21474836480)\n');
  const raw = (await runDamo(['report', 'pa_layout', '--raw_number', '--numa_node', '1'], env)).out.split('\n');
  assert.equal(raw[1], `${'5368709120'.padStart(15)} ${'6039797760'.padStart(15)}\t1\tonline\tSystem RAM\t671088640`);
  assert.equal(raw[4], 'Default paddr monitoring range: [4096, 26843545600) (size 26843541504)');
});

test('command: the older `damo pa_layout` name works and says so on stderr', async () => {
  const { env } = fakeSystem();
  const r = await runDamo(['pa_layout', '--numa_node', '1'], env);
  assert.equal(r.out, `${[HEADER, ...NODE1, DEFAULT_RANGE].join('\n')}\n`);
  assert.match(r.err, /older name/);
});

test('command: zeroed addresses (not root) and missing files are one clear error', async () => {
  const { env, dir } = fakeSystem();
  writeFileSync(join(dir, 'zeros'), '00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n');
  const z = await runDamo(['report', 'pa_layout'], { ...env, DAMO_IOMEM: join(dir, 'zeros') });
  assert.equal(z.code, 1);
  assert.match(z.err, /needs root/);
  const m = await runDamo(['report', 'pa_layout'], { ...env, DAMO_IOMEM: join(dir, 'absent') });
  assert.equal(m.code, 1);
  assert.match(m.err, /cannot read .*absent/);
  assert.equal(m.err.split('\n').filter(Boolean).length, 1);
});
