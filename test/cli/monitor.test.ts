// damo monitor: rounds of live snapshots turned into reports, on the kernel emulator (a
// stand-in /sys that fills tried regions) and on the engine (sim:stairs); what monitor
// started is turned off at the end. Never the machine's DAMON.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFsWrapperForTests } from '../../src/cli/damon-kernel-args.ts';
import { KDAMONDS_DIR, RootedFs } from '../../src/kernel/fs.ts';
import { FakeKernelFs, type TriedRegion, TriedRegionsKernelFs, makeFakeKernel } from '../kernel/fake-kernel.ts';
import { runDamo } from './run-command.ts';

/** [start, end, nr_accesses, age]: 1 MiB hot, 3 MiB cold. */
const TRIED: TriedRegion[] = [
  [1n << 20n, 2n << 20n, 18, 2],
  [2n << 20n, 5n << 20n, 0, 30],
];


setFsWrapperForTests((fs) => (fs instanceof RootedFs ? new TriedRegionsKernelFs(fs.root, TRIED) : fs));

test('monitor paddr prints --count wss reports of live snapshots, then turns DAMON off', async () => {
  const k = makeFakeKernel();
  const iomem = join(k.root, 'iomem');
  writeFileSync(iomem, '00001000-0009fbff : System RAM\n00100000-63fffffff : System RAM\n');
  const env = {
    DAMO_SYSFS_ROOT: k.root,
    DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
    DAMO_IOMEM: iomem,
    DAMO_KERNEL_RELEASE: '6.18.0',
    PATH: process.env.PATH,
  };
  const r = await runDamo(['monitor', 'paddr', '--report_type', 'wss', '--delay', '0.5', '--count', '2'], env);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const reports = r.out.split('# target_id\t').slice(1);
  assert.equal(reports.length, 2, r.out);
  // Every snapshot has 1 MiB accessed: every percentile is 1 MiB (printed as 1024 KiB, upstream's strict >).
  for (const rep of reports) {
    assert.match(rep, /^# avr:\t1024\.000 KiB$/m);
    assert.match(rep, /^100 +1024\.000 KiB \|/m);
  }
  // Turned off (the emulator refuses nr_kdamonds changes while one runs), then the empty tree is back.
  assert.equal(new FakeKernelFs(k.root).read(`${KDAMONDS_DIR}/nr_kdamonds`).trim(), '0');
  assert.deepEqual(JSON.parse(readFileSync(join(env.DAMO_STATE_DIR, 'started-kdamonds.json'), 'utf8')), {});
});

test('monitor sim:stairs on the engine: heatmap rounds, and the daemon is gone after', async () => {
  const env: NodeJS.ProcessEnv = {
    DAMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'damo-state-')),
    DAMO_SYSFS_ROOT: mkdtempSync(join(tmpdir(), 'damo-nosys-')),
    DAMO_ENGINE_IDLE_EXIT_S: '60',
    PATH: process.env.PATH,
  };
  const info = join(env.DAMO_STATE_DIR!, 'engine', 'kdamond-0.json');
  let pid: number | null = null;
  const poll = setInterval(() => {
    if (pid === null && existsSync(info)) pid = (JSON.parse(readFileSync(info, 'utf8')) as { pid: number }).pid;
  }, 50);
  try {
    let r = await runDamo(['monitor', 'sim:stairs', '--delay', '1', '--count', '2', '--report_type', 'wss'], env);
    assert.equal(r.code, 0, r.err);
    const reports = r.out.split('# target_id\t').slice(1);
    assert.equal(reports.length, 2, r.out);
    for (const rep of reports) assert.match(rep, /^# avr:\t\d+\.\d{3} [KM]iB$/m);
    assert.ok(pid !== null, 'an engine daemon ran');
    assert.throws(() => process.kill(pid!, 0), 'the daemon is gone');
    pid = null;
    r = await runDamo(['monitor', 'sim:stairs', '--delay', '0.5', '--count', '1'], env);
    assert.equal(r.code, 0, r.err);
    // The heatmap: rows of one digit per column, colored.
    assert.match(r.out, /\x1b\[48;5;\d+m\x1b\[38;5;\d+m\d/);
  } finally {
    clearInterval(poll);
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(env.DAMO_STATE_DIR!, { recursive: true, force: true });
  }
});

test('monitor checks its options before starting anything', async () => {
  let r = await runDamo(['monitor', 'sim:stairs', '--delay', 'soon'], {});
  assert.match(r.err, /--delay: 'soon' is not a time/);
  r = await runDamo(['monitor', 'sim:stairs', '--count', '-1'], {});
  assert.notEqual(r.code, 0);
});
