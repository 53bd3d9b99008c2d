// The pager: only on a terminal, only for output longer than the screen, $PAGER or
// less, direct output when no pager can start; and once through a real pseudo-terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { type PagerProcess, createOutput, findProgram, pagerCommand } from '../../src/cli/pager.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const dir = mkdtempSync(join(tmpdir(), 'damo-pager-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fakePager = join(dir, 'fake-pager');
writeFileSync(fakePager, '#!/bin/sh\ncat > "$PAGED_TO"\n');
chmodSync(fakePager, 0o755);

function harness(opts: { isTTY: boolean; rows?: number; env?: NodeJS.ProcessEnv; pagerFails?: boolean }) {
  let direct = '';
  let paged = '';
  const started: string[][] = [];
  const output = createOutput({
    isTTY: opts.isTTY,
    rows: opts.rows,
    env: opts.env ?? { PATH: '/usr/bin:/bin', PAGER: fakePager },
    writeDirect: (t) => {
      direct += t;
    },
    startPager: (argv): PagerProcess | undefined => {
      started.push(argv);
      if (opts.pagerFails) return undefined;
      return { write: (t) => void (paged += t), end: async () => {} };
    },
    holdMs: 20,
  });
  return { output, started, get direct() { return direct; }, get paged() { return paged; } };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}\n`).join('');

test('not a terminal: written as it comes, never paged', async () => {
  const h = harness({ isTTY: false, rows: 5 });
  h.output.write(lines(100));
  assert.equal(h.direct, lines(100));
  await h.output.finish();
  assert.deepEqual(h.started, []);
});

test('a terminal and short output: written directly', async () => {
  const h = harness({ isTTY: true, rows: 10 });
  h.output.write(lines(9));
  await h.output.finish();
  assert.equal(h.direct, lines(9));
  assert.deepEqual(h.started, []);
});

test('a terminal and output longer than the screen: paged, all of it', async () => {
  const h = harness({ isTTY: true, rows: 10 });
  h.output.write(lines(4));
  h.output.write(lines(8));
  h.output.write('tail\n');
  await h.output.finish();
  assert.equal(h.direct, '');
  assert.equal(h.paged, lines(4) + lines(8) + 'tail\n');
  assert.deepEqual(h.started, [[fakePager]]);
});

test('unknown terminal height counts as 24 rows', async () => {
  const short = harness({ isTTY: true, rows: 0 });
  short.output.write(lines(23));
  await short.output.finish();
  assert.deepEqual(short.started, []);
  const long = harness({ isTTY: true, rows: undefined });
  long.output.write(lines(24));
  await long.output.finish();
  assert.equal(long.started.length, 1);
});

test('a pager that cannot start: direct output', async () => {
  const h = harness({ isTTY: true, rows: 3, pagerFails: true });
  h.output.write(lines(5));
  h.output.write('more\n');
  await h.output.finish();
  assert.equal(h.direct, lines(5) + 'more\n');
});

test('a pause in short output writes it, and later output streams', async () => {
  const h = harness({ isTTY: true, rows: 10 });
  h.output.write('first\n');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(h.direct, 'first\n');
  h.output.write(lines(50));
  assert.equal(h.direct, 'first\n' + lines(50));
  await h.output.finish();
  assert.deepEqual(h.started, []);
});

test('the pager command: $PAGER, empty PAGER, less by default, missing programs', () => {
  const path = '/usr/bin:/bin';
  assert.deepEqual(pagerCommand({ PATH: path, PAGER: `${fakePager} -x` }), [fakePager, '-x']);
  assert.equal(pagerCommand({ PATH: path, PAGER: '' }), undefined);
  assert.equal(pagerCommand({ PATH: path, PAGER: 'no-such-pager-here' }), undefined);
  const less = findProgram('less', { PATH: path });
  assert.deepEqual(pagerCommand({ PATH: path }), less ? [less, '-R', '-X'] : undefined);
  assert.equal(findProgram('sh', { PATH: 'relative/dir' }), undefined, 'relative PATH entries are skipped');
});

const hasScript = spawnSync('script', ['--version']).status === 0;

test('through a real terminal: long output goes to $PAGER, short is printed', { skip: !hasScript && 'no script(1)' }, () => {
  const pagedTo = join(dir, 'paged.txt');
  const damo = join(root, 'damo');
  spawnSync(damo, ['version']); // build the bundle outside the terminal
  const viaTerminal = (cmd: string) =>
    spawnSync('script', ['-qec', `stty rows 10 cols 80; ${cmd}`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, PAGER: fakePager, PAGED_TO: pagedTo },
    });
  const long = viaTerminal(`${damo} --help`);
  assert.equal(long.status, 0, long.stdout);
  const paged = readFileSync(pagedTo, 'utf8');
  assert.match(paged, /^usage: damo /);
  assert.ok(paged.endsWith('\n'));
  assert.ok(!long.stdout.includes('usage: damo'), 'long help went to the pager only');
  rmSync(pagedTo);
  const short = viaTerminal(`${damo} version`);
  assert.equal(short.status, 0);
  assert.match(short.stdout, /^3\.3\.0\r?\n/);
  assert.throws(() => readFileSync(pagedTo), /ENOENT/);
});
