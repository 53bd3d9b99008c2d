// intervalsToKv: upstream's keys and order; human or raw forms (raw bp is upstream's '%f').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intervalsToKv } from '../../src/model/intervals-kv.ts';

const iv = { sampleUs: 5000n, aggrUs: 100000n, opsUpdateUs: 1000000n, goal: { accessBp: 400n, aggrs: 3n, minSampleUs: 5000n, maxSampleUs: 10000000n } };

test('human forms', () => {
  assert.deepEqual(intervalsToKv(iv, false), {
    sample_us: '5 ms',
    aggr_us: '100 ms',
    ops_update_us: '1 s',
    intervals_goal: { access_bp: '4 %', aggrs: '3', min_sample_us: '5 ms', max_sample_us: '10 s' },
  });
});

test('raw forms, in key order', () => {
  const kv = intervalsToKv(iv, true);
  assert.deepEqual(Object.keys(kv), ['sample_us', 'aggr_us', 'ops_update_us', 'intervals_goal']);
  assert.deepEqual(kv.intervals_goal, { access_bp: '400.000000', aggrs: '3', min_sample_us: '5000', max_sample_us: '10000000' });
  assert.equal(kv.sample_us, '5000');
});
