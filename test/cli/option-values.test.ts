// Numeric option values that cannot mean anything stop with one usage line (exit 2)
// from the parser, for every command alike (issue 15).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { valueProblem } from '../../src/cli/option-values.ts';
import { runDamo } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-optvals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const region = (s: number, e: number, n: number) => ({ start: s, end: e, nr_accesses: { samples: n, percent: null }, age: { usec: null, aggr_intervals: 1 } });
const rec = join(dir, 'r.json');
writeFileSync(
  rec,
  JSON.stringify([
    {
      target_id: 0,
      intervals: { sample_us: 5000, aggr_us: 100000, ops_update_us: 1000000 },
      snapshots: [0, 1, 2].map((i) => ({ start_time: i * 1e8, end_time: (i + 1) * 1e8, regions: [region(4096, 8192, 1), region(8192, 65536, 3), region(65536, 1 << 20, 0)] })),
    },
  ]),
);

const HUGE = '99999999999999999999999';
const CASES: string[][] = [
  ['report', 'access', '-i', rec, '--percentiles_range', HUGE],
  ['report', 'access', '-i', rec, '--percentiles_range', '0', HUGE, '1'],
  ['report', 'wss', '-i', rec, '--nr_cols_bar', HUGE],
  ['report', 'wss', '-i', rec, '--acc_thres', '-1'],
  ['report', 'wss', '-i', rec, '--sz_thres', '-1'],
  ['report', 'wss', '-i', rec, '--range', '0', HUGE, '1'],
  ['report', 'footprints', '-i', rec, '--nr_cols_bar', '-5'],
  ['args', 'damon', '--pause_ctx', '-1'],
  ['args', 'damon', '--refresh_stat', '-1'],
  ['args', 'damon', '--ops', 'paddr', '--damon_addr_unit', '-1'],
  ['args', 'damon', '--ops', 'paddr', '--damon_addr_unit', '0'],
  ['args', 'damon', '--target_pid', '-1'],
  ['start', 'sim:stairs', '--refresh_stat', '-1'],
  ['start', 'sim:stairs', '--pause_ctx', '-1'],
  ['record', 'sim:stairs', '--pause_ctx', '-1', '-o', join(dir, 'p.data')],
  ...['abc', '', '-1', '5zz', '0'].map((v) => ['record', 'sim:stairs', '--output_flush_sec', v, '-o', join(dir, 'f.data')]),
  ['adjust', '-i', rec, '-o', join(dir, 'adj.data'), '--access_rate', '-5', '-1'],
  ['adjust', '-i', rec, '-o', join(dir, 'adj.data'), '--sz_region', '-5', '-1'],
  ['adjust', '-i', rec, '-o', join(dir, 'adj.data'), '--age', '-5', '-1'],
  ['adjust', '-i', rec, '-o', join(dir, 'adj.data'), '--aggregate_interval', '-1'],
  ['adjust', '-i', rec, '-o', join(dir, 'adj.data'), '--skip', '-1'],
];

describe('numeric option values', () => {
  for (const argv of CASES) {
    it(`refuses ${argv.filter((w) => !w.startsWith(dir)).join(' ')}`, async () => {
      const r = await runDamo(argv, { DAMO_STATE_DIR: join(dir, 'state') });
      assert.equal(r.code, 2, `exit ${r.code}: ${r.err}`);
      assert.equal(r.out, '');
      assert.match(r.err.trim(), /^[^\n]*error: argument [^\n]*: '[^']*' is not [^\n]*$/);
    });
  }
  // found by the fuzzer (test/cli/fuzz.test.ts): internal errors before
  for (const argv of [
    ['validate', '-i', rec, '--aggr', 'NaN', 'min'],
    ['validate', '-i', rec, '--nr_regions', '1e400', '0'],
    ['args', 'damon', '-u', 'NaN'],
    ['report', 'heatmap', '-i', rec, '--address_range', 'min', 'inf'],
    ['report', 'access', '-i', rec, '--temperature_weights', '-1', '9'.repeat(400), '1'],
  ]) {
    it(`refuses ${argv.filter((w) => w !== rec).join(' ').slice(0, 80)} in one line`, async () => {
      const r = await runDamo(argv);
      assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}: ${r.err}`);
      assert.match(r.err, /^[^\n]+\n$/);
      assert.doesNotMatch(r.err, /internal error/);
    });
  }
  it('leaves no output behind', () => {
    assert.deepEqual(readdirSync(dir).sort(), ['r.json']);
  });
  it('still takes sensible values', async () => {
    for (const argv of [
      ['report', 'wss', '-i', rec, '--acc_thres', '0', '--sz_thres', '4KiB', '--nr_cols_bar', '0', '--exclude_samples', '0'],
      ['report', 'access', '-i', rec, '--percentiles_range', '0', '101', '25'],
      ['args', 'damon', '--target_pid', '1234', '--refresh_stat', '0'],
      ['args', 'damon', '--ops', 'paddr', '--damon_addr_unit', '4096', '--pause_ctx', '0'],
    ]) {
      const r = await runDamo(argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    }
  });
  it('words the rule', () => {
    assert.equal(valueProblem({ kind: 'int', min: 0 }, '-1'), "'-1' is not a whole number of at least 0");
    assert.equal(valueProblem({ kind: 'int', min: 0, max: 9 }, '1.5'), "'1.5' is not a whole number from 0 to 9");
    assert.equal(valueProblem({ kind: 'time', unit: 's', above: 0 }, '5zz'), "'5zz' is not a time (bare numbers are seconds) above 0");
    assert.equal(valueProblem({ kind: 'time', unit: 's', above: 0 }, '500ms'), null);
    assert.equal(valueProblem({ kind: 'size', min: 1 }, '4KiB'), null);
    assert.equal(valueProblem({ kind: 'number', min: 0 }, 'NaN'), "'NaN' is not a number of at least 0");
  });
});
