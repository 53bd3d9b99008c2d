// damosStatsToKv: upstream's key order; counts and sizes human or '%d' when raw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAMOS_STAT_FIELDS, damosStatsToKv } from '../../src/model/damos-stats-kv.ts';

const stats = {
  nrTried: 12345n,
  szTried: 3n * 1024n * 1024n,
  nrApplied: 7n,
  szApplied: 4096n,
  szOpsFilterPassed: 0n,
  qtExceeds: 1000n,
  nrSnapshots: 2n,
  maxNrSnapshots: 0n,
};

test('keys in upstream order, human forms', () => {
  const kv = damosStatsToKv(stats, false);
  assert.deepEqual(Object.keys(kv), [...DAMOS_STAT_FIELDS]);
  assert.deepEqual(Object.values(kv), ['12,345', '3.000 MiB', '7', '4.000 KiB', '0 B', '1,000', '2', '0']);
});

test('raw forms are plain integers', () => {
  assert.deepEqual(Object.values(damosStatsToKv(stats, true)), ['12345', '3145728', '7', '4096', '0', '1000', '2', '0']);
});
