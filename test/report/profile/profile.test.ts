// `report profile` (spec/reports.md §12): the spans of matching snapshots handed to
// `perf report --time`; perf is a stand-in script that prints what it was given.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { perfTimeFilter } from '../../../src/report/profile.ts';
import { runDamo } from '../../cli/run-command.ts';
import { tempDir, writeJsonRecords } from '../wss/run-command.ts';

const ms = 1_000_000;

function fixture(): { dir: string; rec: string; prof: string; perf: string } {
  const dir = tempDir('damo-profile-');
  // The big region is accessed (3 of 20 samples: 15 %) in snapshots 0, 1 and 3 only.
  const rec = writeJsonRecords(join(dir, 'rec.json'), [
    {
      target_id: 1,
      intervals: { sample_us: 5000, aggr_us: 100000 },
      snapshots: [0, 1, 2, 3].map((i) => [
        1000 * ms + i * 100 * ms,
        1000 * ms + (i + 1) * 100 * ms,
        [
          [0, 4096, 1],
          [4096, 1 << 20, i === 2 ? 0 : 3],
        ],
      ]),
    },
  ]);
  const prof = join(dir, 'rec.json.profile');
  writeFileSync(prof, 'not really perf.data; the stand-in perf does not read it\n');
  const perf = join(dir, 'fake-perf');
  writeFileSync(perf, '#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\n');
  chmodSync(perf, 0o755);
  return { dir, rec, prof, perf };
}

test('time filter: Python float repr of seconds, one space-separated range per span', () => {
  assert.equal(perfTimeFilter([[1000000000n, 1200000000n]]), '1.0,1.2');
  assert.equal(
    perfTimeFilter([
      [539809434100n, 540437986000n],
      [540857949000n, 541169922000n],
    ]),
    '539.8094341,540.437986 540.857949,541.169922',
  );
});

test('command: perf report gets the profile and the matching spans', async () => {
  const f = fixture();
  const hot = await runDamo(['report', 'profile', '--inputs', f.rec, f.prof, '--perf_path', f.perf, '--access_rate', '10', '100']);
  assert.equal(hot.code, 0, hot.err);
  // snapshots 0-1 join into 1.0-1.2 s; snapshot 3 is 1.3-1.4 s; not a terminal: --stdio
  assert.equal(hot.out, `[report]\n[-i]\n[${f.prof}]\n[--time]\n[1.0,1.2 1.3,1.4]\n[--stdio]\n`);
});

test('command: no matching snapshot, a missing profile, a missing perf: one line each', async () => {
  const f = fixture();
  const none = await runDamo(['report', 'profile', '--inputs', f.rec, f.prof, '--perf_path', f.perf, '--sz_region', '2M', 'max']);
  assert.deepEqual([none.code, none.out, none.err.trim()], [1, '', 'damo: No snapshot of the condition found']);
  const noProf = await runDamo(['report', 'profile', '--inputs', f.rec, join(f.dir, 'absent.profile'), '--perf_path', f.perf]);
  assert.equal(noProf.code, 1);
  assert.match(noProf.err, /^damo: no CPU profile at .*absent\.profile: record one with 'damo record --do_record cpu_profile/);
  assert.equal(noProf.err.trim().split('\n').length, 1);
  const noPerf = await runDamo(['report', 'profile', '--inputs', f.rec, f.prof, '--perf_path', join(f.dir, 'no-such-perf')]);
  assert.equal(noPerf.code, 1);
  assert.match(noPerf.err, /no-such-perf' not found: reading a CPU profile needs perf/);
});

test('command: a failing perf is reported with its last error line', async () => {
  const f = fixture();
  const bad = join(f.dir, 'bad-perf');
  writeFileSync(bad, '#!/bin/sh\necho "some detail" >&2\necho "file is not perf.data" >&2\nexit 3\n');
  chmodSync(bad, 0o755);
  const r = await runDamo(['report', 'profile', '--inputs', f.rec, f.prof, '--perf_path', bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /'.*bad-perf report' failed \(exit status 3\): file is not perf.data/);
});
