// Shell completion: the candidates `damo --cli_complete` offers, and our bash script
// driving the built CLI as bash would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { completionCandidates } from '../../src/cli/completion.ts';
import { bashCompletionScript } from '../../src/cli/completion-script.ts';
import type { CommandSpec } from '../../src/cli/option-table.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const files = mkdtempSync(join(tmpdir(), 'damo-complete-'));
mkdirSync(join(files, 'records'));
writeFileSync(join(files, 'damon.data'), '');
writeFileSync(join(files, 'damon.data.old'), '');
writeFileSync(join(files, 'my file'), '');
writeFileSync(join(files, '.hidden'), '');
writeFileSync(join(files, 'records', 'a.data'), '');
after(() => rmSync(files, { recursive: true, force: true }));

const heatmap: CommandSpec = {
  name: 'heatmap',
  summary: 'h',
  options: [
    { flags: ['--resol'], nargs: 2, help: 'r' },
    { flags: ['--draw_range'], choices: ['hottest', 'all'], help: 'd' },
    { flags: ['--draw_time'], hidden: true, help: 'd' },
    { flags: ['-i', '--input'], nargs: '+', help: 'records' },
    { flags: ['--guide'], kind: 'flag', help: 'g' },
    { flags: ['--output'], help: 'o' },
    { flags: ['--colorset'], help: 'c', completion: 'none' },
  ],
  run: () => 0,
};
const tree: CommandSpec = {
  name: 'damo',
  summary: 'd',
  subcommands: [
    { name: 'report', summary: 'r', subcommands: [heatmap, { ...heatmap, name: 'heats', olderNameFor: 'damo report heatmap' }] },
    {
      name: 'record',
      summary: 'r',
      options: [{ flags: ['--timeout'], help: 't' }],
      positionals: [{ name: 'target', nargs: '?', help: 't' }],
      run: () => 0,
    },
    { name: 'reclaim', summary: 'r', positionals: [{ name: 'action', nargs: '?', choices: ['status', 'enable'], help: 'a' }], run: () => 0 },
    { name: 'secret', summary: 's', hidden: true, run: () => 0 },
  ],
};

/** Candidates when the words (program first) are typed and the last one is being completed. */
function complete(...words: string[]): string[] {
  return completionCandidates(tree, [String(words.length - 1), ...words], { cwd: files, home: files });
}

test('subcommands at the command slot, prefixes narrowing them', () => {
  assert.deepEqual(complete('damo', ''), ['report', 'record', 'reclaim']);
  assert.deepEqual(complete('damo', 'rec'), ['record', 'reclaim']);
  assert.deepEqual(complete('damo', 'report', ''), ['heatmap'], 'older names only when nothing current matches');
  assert.deepEqual(complete('damo', 'report', 'hea'), ['heatmap']);
  assert.deepEqual(complete('damo', 'report', 'heats'), ['heats']);
  assert.deepEqual(complete('damo', 'x'), []);
});

test('options of the current command, hidden ones once a prefix narrows them', () => {
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--'), [
    '--help',
    '--resol',
    '--draw_range',
    '--input',
    '--guide',
    '--output',
    '--colorset',
  ]);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--dr'), ['--draw_range', '--draw_time']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '-'), [
    '-h',
    '--help',
    '--resol',
    '--draw_range',
    '-i',
    '--input',
    '--guide',
    '--output',
    '--colorset',
  ]);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--guide', '--g'), ['--guide']);
});

test('choices and files for the option being completed', () => {
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_range', ''), ['hottest', 'all']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_range', 'h'), ['hottest']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--dr', 'a'), [], 'ambiguous prefix: nothing known');
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_r', 'a'), ['all'], 'unambiguous prefix');
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', 'damon'), ['damon.data', 'damon.data.old']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', ''), ['damon.data', 'damon.data.old', 'my\\ file', 'records/']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', 'records/'), ['records/a.data']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', '.h'), ['.hidden']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', 'my\\ f'), ['my\\ file']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--input', '~/rec'), ['~/records/']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '-i', 'damon.data', '--g'), ['--guide'], "'+' options give way to options");
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--output', 'dam'), ['damon.data', 'damon.data.old']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--colorset', ''), []);
  // Fixed arity: the second value is still the option's, not an option name.
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--resol', '10', ''), []);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--resol', '10', '20', '--gu'), ['--guide']);
});

test("bash's split of --opt=value, and a whole --opt=value word", () => {
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_range', '='), ['hottest', 'all']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_range', '=', 'ho'), ['hottest']);
  assert.deepEqual(complete('damo', 'report', 'heatmap', '--draw_range=a'), ['--draw_range=all']);
});

test('positionals: choices, files, and nothing after the last', () => {
  assert.deepEqual(complete('damo', 'reclaim', ''), ['status', 'enable']);
  assert.deepEqual(complete('damo', 'record', '--timeout', '3', 'damon.data.'), ['damon.data.old']);
  assert.deepEqual(complete('damo', 'record', 'x', ''), []);
  assert.deepEqual(complete('damo', 'record', '--', '--'), [], 'after --, words are not options');
});

test('bad protocol input gives no candidates', () => {
  assert.deepEqual(completionCandidates(tree, ['x', 'damo'], { cwd: files }), []);
  assert.deepEqual(completionCandidates(tree, [], { cwd: files }), []);
});

test('the built CLI answers --cli_complete from the real tree', () => {
  const run = spawnSync(join(root, 'damo'), ['--cli_complete', '3', 'damo', 'report', 'heatmap', '--draw_'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.split('\n').includes('--draw_range'), run.stdout);
});

test('the bash script completes through the built CLI', { skip: spawnSync('bash', ['-c', 'true']).status !== 0 && 'no bash' }, () => {
  const script = join(files, 'damo.bash');
  writeFileSync(script, bashCompletionScript());
  const damo = join(root, 'damo');
  const probe = (words: string[]) =>
    [
      `source ${JSON.stringify(script)}`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_damo_cli_complete',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
  const run = (words: string[]) => {
    const r = spawnSync('bash', ['--norc', '-c', probe(words)], { encoding: 'utf8', cwd: files });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(run([damo, 'report', 'heatmap', '--draw_range', 'h']), ['hottest']);
  assert.ok(run([damo, 'rep']).includes('report'));
  assert.deepEqual(run([damo, 'setup_cli_completion', '--install', 'rec']), ['records/']);
  const complete = spawnSync('bash', ['--norc', '-c', `source ${JSON.stringify(script)}; complete -p damo`], { encoding: 'utf8' });
  assert.match(complete.stdout, /complete -F _damo_cli_complete damo/);
});
