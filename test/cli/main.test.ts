// The built CLI (./damo) end to end: exit codes, one-line errors, DAMO_DEBUG, a
// reader closing the pipe early, the final newline, and the Node version check.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/base/user-error.ts';
import { nodeVersionProblem, runCli } from '../../src/cli/run-cli.ts';
import { runDamo } from './run-command.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const damo = join(root, 'damo');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { DAMO_DEBUG: _, ...base } = process.env;
  return spawnSync(damo, args, { encoding: 'utf8', env: { ...base, ...env } });
}

test('success: version prints bare, exit 0', () => {
  const r = run(['version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '3.3.0\n');
  assert.equal(r.stderr, '');
});

test('usage errors: one line on stderr, exit 2, nothing on stdout', () => {
  for (const args of [
    ['--bogus'],
    ['nosuchcommand'],
    ['report'],
    ['report', 'heatmap', '--resol', '1'],
    ['report', 'access', '--h'],
    ['help', 'damon_param_options', 'x'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').length, 2, `one line for ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^damo.*: error: /);
  }
});

test('user errors: one line, exit 1; DAMO_DEBUG=1 adds the stack', () => {
  const r = run(['help', 'options', 'nosuch']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^damo: 'damo' has no command 'nosuch' \(it has: start, tune, .*\)\n$/);
  assert.doesNotMatch(r.stderr, /\bat \w/);
  const d = run(['help', 'options', 'nosuch'], { DAMO_DEBUG: '1' });
  assert.equal(d.status, 1);
  assert.match(d.stderr, /UserError: .*\n\s+at /);
  assert.ok(d.stderr.trimEnd().endsWith(r.stderr.trimEnd()), 'the one line still comes last');
});

test('errors in process: multi-line messages are folded into one line; internal errors say so', async () => {
  const thrower = (e: unknown) => async () => {
    let err = '';
    const code = await runCli(['version'], {
      out: () => {
        throw e;
      },
      err: (t) => {
        err += t;
      },
      env: {},
      stdoutIsTTY: false,
    });
    return { code, err };
  };
  const u = await thrower(new UserError('bad\n  record file', 1))();
  assert.deepEqual(u, { code: 1, err: 'damo: bad record file\n' });
  const i = await thrower(new TypeError('x is undefined'))();
  assert.equal(i.code, 70);
  assert.equal(i.err, 'damo: internal error: x is undefined (DAMO_DEBUG=1 shows where)\n');
});

test('output always ends with a newline', async () => {
  let out = '';
  const { rootCommand } = await import('../../src/cli/command-tree.ts');
  const version = rootCommand.subcommands!.find((c) => c.name === 'version')!;
  const saved = version.run;
  version.run = (_a, ctx) => ctx.out('no newline');
  try {
    await runCli(['version'], { out: (t) => void (out += t), err: () => {}, env: {}, stdoutIsTTY: false });
  } finally {
    version.run = saved;
  }
  assert.equal(out, 'no newline\n');
  const empty = await runDamo(['version']);
  assert.equal(empty.out, '3.3.0\n', 'no newline doubled');
});

test('a reader closing the pipe early (| head) is no error', async () => {
  run(['version']); // build first, so the child starts writing at once
  const child = spawn(damo, ['help', 'options', 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  assert.equal(err, '');
  assert.equal(code, 0);
  const head = spawnSync('bash', ['-c', `set -o pipefail; for i in 1 2 3; do ${JSON.stringify(damo)} help options start; done | head -1`], {
    encoding: 'utf8',
  });
  assert.equal(head.stderr, '');
  assert.equal(head.stdout.split('\n').length, 2);
});

test('Node version check', () => {
  assert.equal(nodeVersionProblem('20.19.0'), undefined);
  assert.equal(nodeVersionProblem('22.1.0'), undefined);
  assert.equal(nodeVersionProblem('20.18.3'), 'damo: needs Node.js 20.19 or later (this is 20.18.3)');
  assert.match(nodeVersionProblem('18.20.0')!, /needs Node.js 20.19/);
});

test('--cli_complete is hidden from help', () => {
  const r = run(['--help']);
  assert.doesNotMatch(r.stdout, /cli_complete/);
});
