// A short seeded fuzz of record files and option values (issues 14 and 15): every run
// must end in exit 0, 1 or 2 with no internal error, stack trace, signal or hang. Most
// runs are in-process (fast); a few go through the built ./damo to see real exits.
// The same fuzzer runs long on demand: node --import tsx tools/fuzz.ts --seconds 600.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { FuzzRng, type FuzzSeeds, fuzzSeeds, recordCase, runFuzz, runProblem } from '../helpers/fuzz-damo.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const dir = mkdtempSync(join(tmpdir(), 'damo-fuzz-'));
// Nothing a fuzzed command does may reach the machine's DAMON: an empty stand-in sysfs.
const env = { DAMO_SYSFS_ROOT: join(dir, 'sys'), DAMO_TRACEFS_ROOT: join(dir, 'tracing'), DAMO_STATE_DIR: join(dir, 'state') };
const saved = { ...process.env };
let seeds: FuzzSeeds;

before(async () => {
  for (const d of ['sys', 'tracing', 'state', 'work']) mkdirSync(join(dir, d));
  Object.assign(process.env, env);
  seeds = await fuzzSeeds(dir);
});
after(() => {
  for (const k of Object.keys(env)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(dir, { recursive: true, force: true });
});

const SEED = Number(process.env.DAMO_FUZZ_SEED ?? 20261205);

test(`in-process fuzz of records and option values (seed ${SEED})`, { timeout: 120000 }, async () => {
  const { cases, problems } = await runFuzz(seeds, {
    seed: SEED,
    maxCases: 3000,
    deadlineMs: Date.now() + 40000,
    dir: join(dir, 'work'),
    env,
  });
  assert.ok(cases >= 500, `only ${cases} cases ran in the time`);
  process.stderr.write(`fuzz: ${cases} cases\n`);
  assert.deepEqual(
    problems.map((p) => `${p.problem}: damo ${p.argv.join(' ')} (${p.what}) ${p.detail}`),
    [],
  );
});

test('spawned runs of the built CLI exit cleanly on damaged records', () => {
  const rng = new FuzzRng(SEED + 1);
  for (let i = 0; i < 6; i++) {
    const c = recordCase(seeds, rng, join(dir, 'work'), 100000 + i);
    const r = spawnSync(join(root, 'damo'), c.argv, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
    assert.equal(r.signal, null, `damo ${c.argv.join(' ')} (${c.what}) died of ${r.signal}`);
    const problem = runProblem({ code: r.status ?? -1, out: r.stdout, err: r.stderr });
    assert.equal(problem, null, `damo ${c.argv.join(' ')} (${c.what}): ${r.stderr}`);
  }
});
