// Options to kdamonds (spec/control.md §2): occurrence indexing, counts, filter forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { kdamondsFromOptions, parseRegionsText } from '../../src/model/damon-params-from-options.ts';
import { parseDamosFilterWords } from '../../src/model/damos-filter-words.ts';

const ENV = { defaultPaddrRegion: () => ({ start: 4096n, end: 8192n }), numaNodeRegions: () => [{ start: 0n, end: 4096n }] };

test('per-scheme options apply by occurrence, not by position', () => {
  const ks = kdamondsFromOptions({ damos_action: [['stat'], ['pageout']], damos_age: [['5s', 'max']] }, ENV);
  const [a, b] = ks[0].contexts[0].schemes;
  assert.equal(a.action, 'stat');
  assert.equal(a.accessPattern.age.min, 5000000);
  assert.equal(b.accessPattern.age.min, 0n);
});

test('contexts, targets and schemes are shared out by the nr_* counts', () => {
  const ks = kdamondsFromOptions(
    {
      ops: ['paddr', 'vaddr'],
      target_pid: ['1', '2', '3'],
      nr_targets: ['1', '2'],
      nr_ctxs: ['1', '1'],
      damos_action: [['stat'], ['cold']],
      nr_schemes: ['0', '2'],
    },
    ENV,
  );
  assert.equal(ks.length, 2);
  assert.deepEqual(ks[0].contexts[0].targets, [{ pid: null, obsolete: false, regions: [{ start: 4096n, end: 8192n }] }]);
  assert.deepEqual(ks[1].contexts[0].targets.map((t) => t.pid), [2, 3]);
  assert.equal(ks[1].contexts[0].schemes.length, 2);
  assert.throws(() => kdamondsFromOptions({ ops: ['paddr', 'vaddr'] }, ENV), /--nr_targets is needed/);
  assert.throws(() => kdamondsFromOptions({ damos_action: [['stat']], nr_schemes: ['2'] }, ENV), /--nr_schemes/);
});

test('the older quota spelling gives 1 permil weights', () => {
  const s = kdamondsFromOptions(
    { damos_action: [['pageout']], damos_quota_interval: ['1s'], damos_quota_space: ['100M'] },
    ENV,
  )[0].contexts[0].schemes[0];
  assert.equal(s.quotas.resetIntervalMs, 1000);
  assert.equal(s.quotas.szBytes, 100n << 20n);
  assert.deepEqual(s.quotas.weights, { szPermil: 1n, nrAccessesPermil: 1n, agePermil: 1n });
  assert.throws(
    () => kdamondsFromOptions({ damos_action: [['pageout']], damos_quota_interval: ['1s'], damos_quotas: [['1s']] }, ENV),
    /cannot be used together/,
  );
});

test('filters: current form across occurrences, older form as fallback', () => {
  const cur = parseDamosFilterWords([['reject', 'none', 'addr', '0', '1G'], ['allow', 'anon']]);
  assert.equal(cur.length, 2);
  assert.deepEqual(cur[0].addressRange, { start: 0n, end: 1n << 30n });
  assert.equal(cur[0].matching, false);
  assert.equal(cur[1].allow, true);
  const old = parseDamosFilterWords([['memcg', 'nomatching', '/foo', 'allow'], ['young', 'matching']]);
  assert.deepEqual(
    old.map((f) => [f.filterType, f.matching, f.allow, f.memcgPath]),
    [
      ['memcg', false, true, '/foo'],
      ['young', true, false, null],
    ],
  );
  assert.throws(() => parseDamosFilterWords([['reject', 'addr', '1G']]), UserError);
});

test('--regions text', () => {
  assert.deepEqual(parseRegionsText('4K-8K  1M-2M'), [
    { start: 4096n, end: 8192n },
    { start: 1n << 20n, end: 2n << 20n },
  ]);
  assert.throws(() => parseRegionsText('8K-4K'), /not below its end/);
  assert.throws(() => parseRegionsText('1-2-3'), /not <start>-<end>/);
});

test('--numa_node uses the node RAM; it is for paddr only', () => {
  const ks = kdamondsFromOptions({ numa_node: [['0']] }, ENV);
  assert.deepEqual(ks[0].contexts[0].targets[0].regions, [{ start: 0n, end: 4096n }]);
  assert.throws(() => kdamondsFromOptions({ numa_node: [['0']], target_pid: ['1'] }, ENV), /paddr targets only/);
});
