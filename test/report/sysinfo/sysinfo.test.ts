// `report sysinfo` (spec/reports.md §15) on a stand-in /sys, mount table and PATH.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatSysinfo, mountPointOf } from '../../../src/report/sysinfo.ts';
import { runDamo } from '../../cli/run-command.ts';
import { tempDir } from '../wss/run-command.ts';

function fakeSystem(): NodeJS.ProcessEnv {
  const dir = tempDir('damo-sysinfo-');
  const sys = join(dir, 'sys');
  mkdirSync(join(sys, 'kernel/mm/damon/admin/kdamonds'), { recursive: true });
  mkdirSync(join(sys, 'module/damon_reclaim/parameters'), { recursive: true });
  writeFileSync(join(dir, 'mounts'), 'sysfs /sys sysfs rw 0 0\ntracefs /sys/kernel/tracing tracefs rw 0 0\n');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'perf'), '#!/bin/sh\n[ "$1" = "--version" ] && echo "perf version 6.9.test"\n');
  writeFileSync(join(bin, 'trace-cmd'), '#!/bin/sh\necho\necho "trace-cmd version 3.2.1 (not-a-git-repo)"\nexit 1\n');
  chmodSync(join(bin, 'perf'), 0o755);
  chmodSync(join(bin, 'trace-cmd'), 0o755);
  return { DAMO_SYSFS_ROOT: sys, DAMO_KERNEL_RELEASE: '6.9.0-test', DAMO_PROC_MOUNTS: join(dir, 'mounts'), PATH: bin };
}

test('default: versions and interfaces; DAMON version from the newest available feature', async () => {
  const env = fakeSystem();
  const r = await runDamo(['report', 'sysinfo'], env);
  assert.equal(r.code, 0, r.err);
  // An empty kdamonds dir shows no evidence, so 6.9's features come from the version:
  // the newest is sysfs/schemes_quota_goal_some_psi (6.9). Interfaces: the sysfs dir
  // and the damon_reclaim module, in upstream's feature order.
  assert.equal(
    r.out,
    [
      'damo version: 3.3.0',
      'kernel version: 6.9.0-test',
      'DAMON version: 6.9',
      'available DAMON features:',
      '- interface/damon_reclaim (merged in v5.16-rc1 (43b0536cb471))',
      '- interface/damon_sysfs (merged in v5.18-rc1 (c951cd3b8901))',
      '',
    ].join('\n'),
  );
});

test('fs, tool and feature sections', async () => {
  const env = fakeSystem();
  const r = await runDamo(['report', 'sysinfo', '--print', 'fs_info', 'trace_cmd_info', 'perf_info', 'reclaim_features'], env);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      `sysfs: ${env.DAMO_SYSFS_ROOT}`,
      'tracefs: /sys/kernel/tracing',
      'debugfs: None',
      'trace-cmd version: 3.2.1',
      `perf path: ${join(env.PATH!, 'perf')}`,
      'perf version: perf version 6.9.test',
      // no reclaim parameter files in the stand-in: no reclaim/* feature
      'available DAMON features:',
      '',
    ].join('\n'),
  );
  const un = await runDamo(['report', 'sysinfo', '--print', 'unavailable_features'], env);
  const lines = un.out.split('\n');
  assert.equal(lines[0], 'unavailable DAMON features:');
  assert.equal(lines[1], '- debugfs/record (withdrawn)');
  assert.equal(lines[2], '  - was in DAMON patchset, but not merged in mainline');
  assert.ok(lines.includes('- sysfs/schemes_migrate (merged in v6.11-rc1)'));
  assert.ok(!lines.includes('- sysfs/schemes_quota_goals (merged in v6.8-rc1)'));
  const bad = await runDamo(['report', 'sysinfo', '--print', 'nope'], env);
  assert.equal(bad.code, 2);
});

test('formatter: all sections once each, in order; missing tools print None', () => {
  const text = formatSysinfo(
    {
      damoVersion: 'x',
      kernelVersion: 'k',
      damonVersion: '<5.15',
      sysfs: '/sys',
      tracefs: null,
      debugfs: null,
      traceCmdVersion: null,
      perfPath: null,
      perfVersion: null,
      featureNames: ['sysfs/paddr', 'sysfs/ops_attrs'],
      available: new Set(['sysfs/ops_attrs']),
    },
    ['all', 'versions'],
  );
  assert.equal((text.match(/^damo version: x$/gm) ?? []).length, 1);
  assert.match(text, /perf path: None\nperf version: None\navailable DAMON features:\n- sysfs\/ops_attrs \(hacking on damon\/next\)\n {2}- will be replaced by attrs_monitoring\n/);
  assert.match(text, /unavailable DAMON features:\n- sysfs\/paddr \(merged in v5.18-rc1 \(c951cd3b8901\)\)\n$/);
  assert.equal(mountPointOf('a /x debugfs rw 0 0\nb /y debugfs rw 0 0\n', 'debugfs'), '/x');
});
