// `damo args damon` against the verbatim upstream outputs of spec/control.md §3.8.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PAGEOUT_SCHEME } from '../kernel/fake-kernel.ts';
import { runDamo } from './run-command.ts';

const golden = (name: string) => readFileSync(new URL(`./args-damon-golden/${name}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'damo-args-'));
const iomem = join(dir, 'iomem');
writeFileSync(iomem, '00001000-0009fbff : System RAM\n000a0000-000fffff : Reserved\n00100000-63fffffff : System RAM\n');
const env = { DAMO_IOMEM: iomem, PATH: process.env.PATH };
const PAGEOUT = PAGEOUT_SCHEME.split(' ');

async function ok(argv: string[]): Promise<string> {
  const r = await runDamo(['args', 'damon', ...argv], env);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  return r.out;
}

function afterEllipsis(text: string): string {
  return text.split('...\n', 2)[1];
}

test('no options: paddr over System RAM, no schemes', async () => {
  assert.equal(await ok([]), golden('no-options.json'));
});

test('pageout scheme as JSON, YAML, report text and with --omit_defaults', async () => {
  assert.equal(await ok(PAGEOUT), golden('pageout.json'));
  assert.equal(await ok([...PAGEOUT, '--format', 'yaml']), golden('pageout.yaml'));
  assert.equal(await ok([...PAGEOUT, '--format', 'report']), golden('pageout-report.txt'));
  assert.equal(await ok([...PAGEOUT, '--omit_defaults']), golden('pageout-omit-defaults.json'));
});

test('--raw prints numbers (exact times in ns, as upstream)', async () => {
  assert.ok((await ok([...PAGEOUT, '--raw'])).includes(afterEllipsis(golden('raw-partial.json'))));
});

test('default stat scheme pattern covers everything', async () => {
  assert.ok((await ok(['--damos_action', 'stat'])).includes(afterEllipsis(golden('stat-partial.json'))));
});

test('pid target gives vaddr with no regions; with --regions fvaddr', async () => {
  const want = golden('pid-partial.json').split('...\n')[0];
  assert.ok((await ok(['1234'])).startsWith(want));
  assert.ok((await ok(['--target_pid', '1234'])).startsWith(want));
  const fv = JSON.parse(await ok(['1234', '--regions', '4096-8192 16K-1M']));
  const c = fv.kdamonds[0].contexts[0];
  assert.equal(c.ops, 'fvaddr');
  assert.deepEqual(c.targets[0].regions, [
    { start: '4,096', end: '8,192' },
    { start: '16,384', end: '1,048,576' },
  ]);
});

test('the complex example of every option kind', async () => {
  const argv = (
    '--ops paddr --regions 1G-2G --monitoring_intervals 10ms 200ms 2s --monitoring_intervals_goal 4% 3 5ms 10s ' +
    '--monitoring_nr_regions_range 20 2000 --refresh_stat 1s --damon_addr_unit 4096 --damos_action migrate_cold 1 ' +
    '--damos_access_rate 0% 5% --damos_age 30s max --damos_sz_region 4K max --damos_apply_interval 1s ' +
    '--damos_quotas 10ms 128M 1s 0 3 7 --damos_quota_goal node_mem_free_bp 50% 0 --damos_quota_goal some_mem_psi_us 1ms ' +
    '--damos_wmarks free_mem_rate 5s 500 400 50 --damos_filter reject anon --damos_filter allow none memcg /foo ' +
    '--damos_filter reject addr 1G 1536M --damos_filter allow hugepage_size 2M 2M --damos_action lru_prio ' +
    '--damos_nr_filters 4 0 --damos_nr_quota_goals 2 0'
  ).split(' ');
  assert.equal(await ok(argv), golden('complex.json'));
});

test('migrate_hot with destination pairs', async () => {
  const out = JSON.parse(await ok(['--damos_action', 'migrate_hot', '0', '30', '1', '70']));
  const s = out.kdamonds[0].contexts[0].schemes[0];
  assert.deepEqual(s.dests, [
    { id: 0, weight: 30 },
    { id: 1, weight: 70 },
  ]);
  assert.equal(s.target_nid, null);
  const report = await ok(['--damos_action', 'migrate_hot', '0', '30', '1', '70', '--format', 'report']);
  assert.match(report, /action: migrate_hot to node None per aggr interval\n {12}target access pattern/);
  assert.match(report, /\n {12}dest 0 weight 30\n {12}dest 1 weight 70\n/);
});

test('its own JSON and YAML output reads back to the same parameters', async () => {
  const json = await ok(PAGEOUT);
  const jf = join(dir, 'p.json');
  writeFileSync(jf, json);
  assert.equal(await ok(['--kdamonds', jf]), json);
  assert.equal(await ok([jf]), json);
  assert.equal(await ok(['--kdamonds', json]), json);
  const yf = join(dir, 'p.yaml');
  writeFileSync(yf, await ok([...PAGEOUT, '--format', 'yaml']));
  assert.equal(await ok([yf]), json);
  assert.equal(await ok(['--kdamonds', yf]), json);
});

test('the minimal accepted spec (§3.7) fills in defaults', async () => {
  const spec =
    '{"kdamonds":[{"contexts":[{"ops":"paddr","targets":[{"pid":null,"regions":[{"start":"1G","end":"2G"}]}],"schemes":[{}]}]}]}';
  const out = JSON.parse(await ok(['--kdamonds', spec]));
  const c = out.kdamonds[0].contexts[0];
  assert.deepEqual(c.targets[0].regions, [{ start: '1,073,741,824', end: '2,147,483,648' }]);
  assert.equal(c.schemes[0].action, 'stat');
  assert.equal(c.schemes[0].quotas.reset_interval_ms, 'max');
});

test('--add, --remove and --replace combine parameter files', async () => {
  const f = join(dir, 'two.json');
  writeFileSync(f, await ok(['--damos_action', 'stat']));
  const added = JSON.parse(await ok(['--add', f, '--damos_action', 'pageout']));
  assert.deepEqual(
    added.kdamonds.map((k: { contexts: { schemes: { action: string }[] }[] }) => k.contexts[0].schemes[0].action),
    ['stat', 'pageout'],
  );
  const removed = JSON.parse(await ok(['--remove', f, '0']));
  assert.deepEqual(removed.kdamonds, []);
  const replaced = JSON.parse(await ok(['--replace', f, '0', '--damos_action', 'cold']));
  assert.equal(replaced.kdamonds[0].contexts[0].schemes[0].action, 'cold');
  const out = join(dir, 'out.json');
  assert.equal(await ok(['--damos_action', 'cold', '--out', out]), '');
  // The file gets the text without stdout's final newline, as upstream writes it.
  assert.equal(`${readFileSync(out, 'utf8')}\n`, await ok(['--damos_action', 'cold']));
});

async function fails(argv: string[], pattern: RegExp): Promise<void> {
  const r = await runDamo(['args', 'damon', ...argv], env);
  assert.notEqual(r.code, 0, `expected failure for ${argv.join(' ')}`);
  assert.equal(r.out, '');
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, pattern);
}

test('bad input gives one line naming the field and value', async () => {
  await fails(['--damos_action', 'foo'], /wrong --damos_action 'foo'/);
  await fails(['--damos_action', 'pageout', '--damos_access_rate', '150%', '10%'], /--damos_access_rate.*150%.*10%/);
  await fails(['--damos_age', '5s', 'max'], /'damos_action' not specified/);
  await fails(['--damos_action', 'pageout', '--damos_age', '5x', 'max'], /--damos_age.*'5x'/);
  await fails(['--damos_action', 'pageout', '1'], /pageout takes no more arguments/);
  await fails(['--damos_action', 'pageout', '--damos_quota_goal', 'user_input', '1000', '10'], /reset_interval_ms/);
  await fails(['--damos_action', 'pageout', '--damos_filter', 'reject', 'foo'], /wrong --damos_filter/);
  await fails(['--regions', '2G-1G'], /--regions/);
  await fails(['--regions', '1G-2G 1500M-3G'], /overlap/);
  await fails(['--kdamonds', 'kdamonds: [ {contexts: [ '], /YAML/);
  await fails(['--kdamonds', '{"kdamonds": [}'], /JSON.*line 1 column/);
  await fails(
    ['--kdamonds', '{"kdamonds": [{"contexts": [{"ops": "paddr", "targets": [{"pid": null, "regions": [{"start": "1G", "end": "xx"}]}]}]}]}'],
    /kdamonds\[0\]\.contexts\[0\]\.targets\[0\]\.regions\[0\]\.end: 'xx'/,
  );
  await fails(['--kdamonds', '{"kdamonds": [{"contexts": [{"ops": "zaddr", "targets": []}]}]}'], /ops: 'zaddr'/);
  await fails(['vaddr'], /needs a process/);
  await fails(['no-such-command-xyz'], /not supported/);
  await fails(['--damos_action', 'stat', '--format', 'report', '--out', join(dir, 'x')], /--out/);
});
