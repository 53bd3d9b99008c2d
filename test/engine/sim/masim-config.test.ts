// masim config parsing (spec/damon-core.md §13.1) and the built-in workloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../../src/base/user-error.ts';
import { BUILTIN_WORKLOADS } from '../../../src/engine/sim/builtin-workloads.ts';
import { formatMasimConfig, parseMasimConfig } from '../../../src/engine/sim/masim-config.ts';

const SAMPLE = `# regions
a, 4096000
b, 65536, none
# a comment line inside
c,  128

first phase
1000
a, 0, 4096, 3
b, 1, 0, 1, ro

second
2500
c, 1, 0, 1, rw
`;

test('parses regions, phases and patterns, with masim defaults', () => {
  const c = parseMasimConfig(SAMPLE);
  assert.deepEqual(
    c.regions.map((r) => [r.name, r.size, r.initFile]),
    [
      ['a', 4096000, null],
      ['b', 65536, null],
      ['c', 128, null],
    ],
  );
  assert.equal(c.phases.length, 2);
  assert.equal(c.phases[0].name, 'first phase');
  assert.equal(c.phases[0].durationMs, 1000);
  assert.deepEqual(c.phases[0].patterns[0], { region: 'a', random: false, stride: 4096, probability: 3, rwMode: 'wo' });
  assert.equal(c.phases[0].patterns[1].rwMode, 'ro');
  assert.equal(c.phases[1].patterns[0].rwMode, 'rw');
});

test('format and parse round-trip, for every built-in workload', () => {
  for (const make of Object.values(BUILTIN_WORKLOADS)) {
    const c = make();
    assert.deepEqual(parseMasimConfig(formatMasimConfig(c)), c);
  }
  assert.equal(BUILTIN_WORKLOADS.stairs().phases.length, 11);
});

test('bad configs are user errors that name the line', () => {
  const bad: [string, RegExp][] = [
    ['a, 10\n', /blank line/],
    ['a, x\n\np\n10\na, 0, 1, 1\n', /:1: region size 'x'/],
    ['a, 10\n\np\n10\nz, 0, 1, 1\n', /:5: no region named 'z'/],
    ['a, 10\n\np\n10\n', /at least one access pattern/],
    ['a, 10\n\np\n10\na, 0, 1, 1, xx\n', /ro, wo or rw/],
    ['a, 10\n\np\nsoon\na, 0, 1, 1\n', /duration/],
    ['a, 10\na, 20\n\np\n10\na, 0, 1, 1\n', /defined twice/],
  ];
  for (const [text, re] of bad) assert.throws(() => parseMasimConfig(text, 'cfg'), (e: unknown) => e instanceof UserError && re.test(e.message));
});
