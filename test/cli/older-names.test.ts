// Older command names route to today's commands with their options, and say so on stderr.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootCommand } from '../../src/cli/command-tree.ts';
import { olderName } from '../../src/cli/older-names.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../../src/cli/option-table.ts';
import { parseCommandLine } from '../../src/cli/parse-args.ts';
import { runDamo } from './run-command.ts';

function sub(spec: CommandSpec, name: string): CommandSpec {
  const found = spec.subcommands?.find((c) => c.name === name);
  assert.ok(found, `no ${name}`);
  return found;
}

test('olderName runs the target with adapted args and a notice on stderr', async () => {
  let seen: ParsedArgs | undefined;
  const target: CommandSpec = {
    name: 'damon',
    summary: 's',
    options: [{ flags: ['--format'], choices: ['report', 'json'], default: 'report', help: 'f' }],
    examples: ['x'],
    run: (args) => {
      seen = args;
      return 3;
    },
  };
  const old = olderName('fmt_json', target, 'damo args damon --format json', (a) => ({ ...a, format: 'json' }));
  const root: CommandSpec = { name: 'damo', summary: 'd', subcommands: [old] };
  const { path, args } = parseCommandLine(root, ['fmt_json']);
  let err = '';
  const ctx: CommandContext = { out: () => {}, err: (t) => (err += t), env: {}, stdoutIsTTY: false };
  assert.equal(await path[1].run!(args, ctx), 3);
  assert.equal(seen!.format, 'json');
  assert.equal(err, "damo: note: 'fmt_json' is an older name for 'damo args damon --format json'; it keeps working, but please use the newer one\n");
  err = '';
  await path[1].run!(args, { ...ctx, env: { DAMO_NO_OLDER_NAME_NOTICE: '1' } });
  assert.equal(err, '');
  assert.equal(old.olderNameFor, 'damo args damon --format json');
  assert.deepEqual(old.options, target.options);
});

test('the older names of the tree take their targets options', () => {
  const report = sub(rootCommand, 'report');
  const pairs: [CommandSpec, CommandSpec, string][] = [
    [sub(rootCommand, 'show'), sub(report, 'access'), 'damo report access'],
    [sub(rootCommand, 'status'), sub(report, 'damon'), 'damo report damon'],
    [sub(rootCommand, 'record_info'), sub(report, 'record_info'), 'damo report record_info'],
    [sub(rootCommand, 'pa_layout'), sub(report, 'pa_layout'), 'damo report pa_layout'],
    [sub(rootCommand, 'fmt_json'), sub(sub(rootCommand, 'args'), 'damon'), 'damo args damon --format json'],
    [sub(report, 'raw'), sub(report, 'access'), 'damo report access --raw_form'],
  ];
  for (const [old, now, name] of pairs) {
    assert.equal(old.olderNameFor, name);
    assert.deepEqual(old.options, now.options, `${old.name} options`);
    assert.deepEqual(old.positionals, now.positionals, `${old.name} positionals`);
  }
  assert.equal(sub(report, 'heats').olderNameFor, 'damo report heatmap');
});

test('errors of an older name are reported under the name typed', async () => {
  const r = await runDamo(['show', '--no_such_option']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^damo show: error: unrecognized arguments: --no_such_option/);
  const h = await runDamo(['report', 'raw', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /^usage: damo report raw/);
  assert.match(h.out, /older name, kept working: use 'damo report access --raw_form'/);
});
