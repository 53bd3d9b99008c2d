// Python arithmetic the heatmap relies on: floor division and correctly rounded int / int.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactIntDiv } from '../../../src/base/py-num.ts';
import { pyFloorDiv, pyMax, pyMin } from '../../../src/report/heatmap/py-ops.ts';

test('floor division rounds toward minus infinity, int or float', () => {
  assert.equal(pyFloorDiv(7n, 2n), 3n);
  assert.equal(pyFloorDiv(-7n, 2n), -4n);
  assert.equal(pyFloorDiv(7n, -2n), -4n);
  assert.equal(pyFloorDiv(-8n, 2n), -4n);
  assert.equal(pyFloorDiv(10e9, 3n), 3333333333);
  assert.equal(pyFloorDiv(-7.5, 2n), -4);
});

test('int / int is correctly rounded beyond 2^53', () => {
  // 2^60 + 1 over 3: exact value 384307168202282325.67, nearest double 384307168202282304.
  assert.equal(exactIntDiv((1n << 60n) + 1n, 3n), 384307168202282304);
  // A tie at 2^53 + 1 rounds to even (2^53); just above the tie rounds up.
  assert.equal(exactIntDiv((1n << 54n) + 2n, 2n), 2 ** 53);
  assert.equal(exactIntDiv((1n << 55n) + 5n, 4n), 2 ** 53 + 2);
  assert.equal(exactIntDiv(-((1n << 60n) + 1n), 3n), -384307168202282304);
  assert.equal(exactIntDiv(1n, 3n), 1 / 3);
  // The quotient of two large ints whose doubles would each round: 10^20 / (10^20 - 1).
  assert.equal(exactIntDiv(10n ** 20n, 10n ** 20n - 1n), 1.00000000000000000001);
});

test('min and max keep the first operand on ties, as Python does', () => {
  assert.equal(pyMin(1n, 1.0), 1n);
  assert.equal(pyMax(1.0, 1n), 1.0);
  assert.equal(pyMin(3n, 2.5), 2.5);
});
