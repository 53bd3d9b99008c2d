// The engine's PRNG: reproducible from a seed and within the asked bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Prng } from '../../src/engine/prng.ts';

test('same seed, same sequence; different seed, different sequence', () => {
  const a = new Prng(7);
  const b = new Prng(7);
  const c = new Prng(8);
  const sa = Array.from({ length: 20 }, () => a.u32());
  assert.deepEqual(sa, Array.from({ length: 20 }, () => b.u32()));
  assert.notDeepEqual(sa, Array.from({ length: 20 }, () => c.u32()));
});

test('range stays in [l, r) and covers it', () => {
  const p = new Prng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 5000; i++) {
    const x = p.range(1, 10);
    assert.ok(x >= 1 && x < 10 && Number.isInteger(x));
    seen.add(x);
  }
  assert.equal(seen.size, 9);
  for (let i = 0; i < 1000; i++) {
    const x = p.range(2 ** 45, 2 ** 45 + 2 ** 40);
    assert.ok(x >= 2 ** 45 && x < 2 ** 45 + 2 ** 40);
  }
  assert.equal(p.range(5, 5), 5);
});
