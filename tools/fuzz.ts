// A long fuzz run on demand (the suite runs a short one: test/cli/fuzz.test.ts):
//   node --import tsx tools/fuzz.ts --seconds 600 --seed 7 [--keep]
// Prints each problem with the command line and what was done to the input, keeps the
// inputs that caused problems (in the folder it names), and exits 1 when there were any.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzSeeds, runFuzz } from '../test/helpers/fuzz-damo.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const seconds = Number(arg('seconds', '60'));
const seed = Number(arg('seed', String(Date.now() % 1e9)));
const keep = process.argv.includes('--keep');
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('usage: node --import tsx tools/fuzz.ts [--seconds N] [--seed N] [--keep]\n');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'damo-fuzz-'));
const env = { DAMO_SYSFS_ROOT: join(dir, 'sys'), DAMO_TRACEFS_ROOT: join(dir, 'tracing'), DAMO_STATE_DIR: join(dir, 'state') };
for (const d of ['sys', 'tracing', 'state', 'work']) mkdirSync(join(dir, d));
// the fuzzed commands must never reach the machine's DAMON, whatever reads process.env
Object.assign(process.env, env);
const seeds = await fuzzSeeds(dir);
const started = Date.now();
const { cases, problems } = await runFuzz(seeds, {
  seed,
  maxCases: Number.MAX_SAFE_INTEGER,
  deadlineMs: started + seconds * 1000,
  dir: join(dir, 'work'),
  env,
});
for (const p of problems) process.stdout.write(`${p.problem}: damo ${p.argv.join(' ')}\n  input: ${p.what}\n  ${p.detail.trim()}\n`);
process.stdout.write(`seed ${seed}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, ${problems.length} problems\n`);
if (problems.length > 0 || keep) process.stdout.write(`inputs kept in ${join(dir, 'work')}\n`);
else rmSync(dir, { recursive: true, force: true });
process.exit(problems.length > 0 ? 1 : 0);
