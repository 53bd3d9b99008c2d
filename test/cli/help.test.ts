// `damo help` topics, looked up in the real command tree, and --help texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCESS_FILTER_DESTS } from '../../src/cli/commands/help.ts';
import { rootCommand } from '../../src/cli/command-tree.ts';
import { damosParamOptions, monitoringParamOptions } from '../../src/cli/damon-param-options.ts';
import type { CommandSpec, OptionSpec } from '../../src/cli/option-table.ts';
import { destOf } from '../../src/cli/option-table.ts';
import { formatKeywordsHelp } from '../../src/report/access/format-keywords.ts';
import { runDamo } from './run-command.ts';

function longFlag(o: OptionSpec): string {
  return o.flags.find((f) => f.startsWith('--'))!;
}

/** Whether a help text lists the flag as an option entry. */
function lists(text: string, flag: string): boolean {
  return new RegExp(`^ +(.*, )?${flag}[ ,\\n]`, 'm').test(`${text}\n`);
}

function command(...names: string[]): CommandSpec {
  let c = rootCommand;
  for (const n of names) c = c.subcommands!.find((s) => s.name === n)!;
  return c;
}

test('damo help lists the topics', async () => {
  const r = await runDamo(['help']);
  assert.equal(r.code, 0);
  for (const t of ['damon_param_options', 'access_filter_options', 'access_format_options', 'options']) {
    assert.match(r.out, new RegExp(`^  ${t} `, 'm'));
  }
});

test('damon_param_options prints the monitoring and DAMOS groups', async () => {
  const monitoring = monitoringParamOptions().map(longFlag);
  const damos = damosParamOptions().map(longFlag);
  const all = await runDamo(['help', 'damon_param_options']);
  assert.equal(all.code, 0);
  for (const f of [...monitoring, ...damos]) assert.ok(lists(all.out, f), `${f} missing`);
  const onlyDamos = await runDamo(['help', 'damon_param_options', 'damos']);
  for (const f of damos) assert.ok(lists(onlyDamos.out, f), `${f} missing`);
  assert.ok(!lists(onlyDamos.out, '--monitoring_intervals'), 'monitoring options left out');
  const onlyMon = await runDamo(['help', 'damon_param_options', 'monitoring']);
  assert.ok(lists(onlyMon.out, '--monitoring_intervals'));
  assert.ok(!onlyMon.out.includes('--damos_action'));
  const bad = await runDamo(['help', 'damon_param_options', 'schemes']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /invalid choice: 'schemes'/);
});

test('access_filter_options lists the filters report access has (or says they are missing)', async () => {
  const filters = (command('report', 'access').options ?? []).filter((o) => ACCESS_FILTER_DESTS.includes(destOf(o)));
  const r = await runDamo(['help', 'access_filter_options']);
  if (filters.length === 0) {
    assert.equal(r.code, 1);
    assert.match(r.err, /not built yet/);
    return;
  }
  assert.equal(r.code, 0, r.err);
  for (const o of filters) assert.ok(lists(r.out, longFlag(o)), `${longFlag(o)} missing`);
});

test('access_format_options: subtopics, hidden format options, keyword lists', async () => {
  const list = await runDamo(['help', 'access_format_options']);
  assert.equal(list.code, 0);
  for (const t of ['options', 'record_format_keywords', 'snapshot_format_keywords', 'region_format_keywords']) {
    assert.match(list.out, new RegExp(`^  ${t}`, 'm'));
  }
  const access = command('report', 'access');
  const hidden = (access.options ?? []).filter((o) => o.hidden && !ACCESS_FILTER_DESTS.includes(destOf(o)));
  const opts = await runDamo(['help', 'access_format_options', 'options']);
  if (hidden.length === 0) assert.match(opts.err, /not built yet/);
  else for (const o of hidden) assert.ok(lists(opts.out, o.flags[0]), `${o.flags} missing`);
  for (const area of ['record', 'snapshot', 'region'] as const) {
    const kw = await runDamo(['help', 'access_format_options', `${area}_format_keywords`]);
    assert.equal(kw.code, 0, kw.err);
    assert.equal(kw.out, `${formatKeywordsHelp(area)}\n`);
  }
  assert.match((await runDamo(['help', 'access_format_options', 'region_format_keywords'])).out, /^<start address>$/m);
  const bad = await runDamo(['help', 'access_format_options', 'colors']);
  assert.equal(bad.code, 2);
});

test('help options <command> lists hidden options too', async () => {
  const spec: CommandSpec = command('report', 'access');
  const r = await runDamo(['help', 'options', 'report', 'access']);
  assert.equal(r.code, 0, r.err);
  for (const o of spec.options ?? []) assert.ok(lists(r.out, o.flags[0]), `${o.flags[0]} missing`);
  const start = await runDamo(['help', 'options', 'start']);
  assert.equal(start.code, 0);
  const bad = await runDamo(['help', 'options', 'report', 'nosuch']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^damo: 'damo report' has no command 'nosuch' \(it has: access, /);
  assert.equal(bad.err.split('\n').length, 2, 'one line');
  assert.equal((await runDamo(['help', 'options'])).code, 1);
});

test('--help of every command: usage, examples, and older names marked', async () => {
  const visit = async (path: string[], spec: CommandSpec) => {
    const r = await runDamo([...path, '--help']);
    assert.equal(r.code, 0, `${path.join(' ')}: ${r.err}`);
    assert.match(r.out, new RegExp(`^usage: damo${path.map((p) => ` ${p}`).join('')}`));
    assert.ok(r.out.endsWith('\n'));
    if (spec.olderNameFor) assert.match(r.out, /older name/);
    for (const sub of spec.subcommands ?? []) await visit([...path, sub.name], sub);
  };
  await visit([], rootCommand);
  const root = await runDamo(['-h']);
  const flat = root.out.replace(/\s+/g, ' ');
  assert.match(flat, / show [^(]*\(older name for 'damo report access'\)/);
  assert.match(flat, / status [^(]*\(older name for 'damo report damon'\)/);
});

test('every command has examples in its help', () => {
  const missing: string[] = [];
  const visit = (path: string[], spec: CommandSpec) => {
    if (!spec.examples || spec.examples.length === 0) missing.push(path.join(' ') || 'damo');
    for (const sub of spec.subcommands ?? []) visit([...path, sub.name], sub);
  };
  visit([], rootCommand);
  // Commands other helpers have not built yet still have empty example lists; ours must not.
  for (const mine of ['help', 'version', 'setup_cli_completion', 'help damon_param_options', 'help options']) {
    assert.ok(!missing.includes(mine), `${mine} has no examples`);
  }
});
