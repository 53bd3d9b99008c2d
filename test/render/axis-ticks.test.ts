import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisTicks, numberLabel, sizeLabel } from '../../src/render/axis-ticks.ts';

test('round steps for counts, sizes and times', () => {
  assert.deepEqual(axisTicks(0, 100, 'number', 6), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(axisTicks(3, 17, 'number', 4), [5, 10, 15]);
  // 97.6 MiB at most 6 ticks: 20 MiB steps (binary units, 1-2-5 within a unit)
  const mib = 2 ** 20;
  assert.deepEqual(axisTicks(0, 97.6 * mib, 'size', 6), [0, 20, 40, 60, 80].map((m) => m * mib));
  // a minute: 10 s steps; 25 minutes: 5 minute steps (clock steps past 10 s)
  assert.deepEqual(axisTicks(0, 60e9, 'time', 6), [0, 10e9, 20e9, 30e9, 40e9, 50e9, 60e9]);
  assert.deepEqual(axisTicks(0, 25 * 60e9, 'time', 6), [0, 5, 10, 15, 20, 25].map((m) => m * 60e9));
  // a start before 0 (age back-fill): ticks only inside the range; 60.1 s needs 20 s steps for 6
  assert.deepEqual(axisTicks(-1e8, 60e9, 'time', 7), [0, 10e9, 20e9, 30e9, 40e9, 50e9, 60e9]);
  assert.deepEqual(axisTicks(-1e8, 60e9, 'time', 6), [0, 20e9, 40e9, 60e9]);
  assert.deepEqual(axisTicks(5, 5, 'number'), [5]);
});

test('tick labels: plain numbers and binary sizes', () => {
  assert.equal(numberLabel(0), '0');
  assert.equal(numberLabel(1234567.5), '1,234,567.5');
  assert.equal(numberLabel(0.125), '0.125');
  assert.equal(numberLabel(-2000), '-2,000');
  assert.equal(sizeLabel(0), '0 B');
  assert.equal(sizeLabel(512), '512 B');
  assert.equal(sizeLabel(1024), '1 KiB');
  assert.equal(sizeLabel(8 * 2 ** 20), '8 MiB');
  assert.equal(sizeLabel(1.5 * 2 ** 30), '1.5 GiB');
});
