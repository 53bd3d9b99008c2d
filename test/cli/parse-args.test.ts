// Pins the argparse behaviours upstream damo's command lines rely on (Python's
// argparse semantics), against a small command tree built here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandSpec } from '../../src/cli/option-table.ts';
import { UsageError, parseCommandLine } from '../../src/cli/parse-args.ts';

const wss: CommandSpec = {
  name: 'wss',
  summary: 'w',
  options: [
    { flags: ['-r', '--range'], nargs: 3, help: 'r' },
    { flags: ['--raw_number'], kind: 'flag', help: 'n' },
    { flags: ['--work_time'], help: 'w' },
  ],
  run: () => 0,
};

const heatmap: CommandSpec = {
  name: 'heatmap',
  summary: 'h',
  options: [
    { flags: ['--resol'], nargs: 2, help: 'r' },
    { flags: ['--output'], default: 'stdout', help: 'o' },
    { flags: ['--draw_range'], choices: ['hottest', 'all'], default: 'hottest', help: 'd' },
    { flags: ['--guide'], kind: 'flag', help: 'g' },
  ],
  run: () => 0,
};

const access: CommandSpec = {
  name: 'access',
  summary: 'a',
  options: [
    { flags: ['-i', '--input'], help: 'i' },
    { flags: ['--input_file'], hidden: true, help: 'i' },
    { flags: ['--temperature'], nargs: 2, append: true, help: 't' },
    { flags: ['--format_region'], help: 'f' },
    { flags: ['--percentiles_range'], nargs: '+', help: 'p' },
    { flags: ['--repeat'], nargs: '*', help: 'r' },
    { flags: ['--hist_cumulate'], kind: 'flag', help: 'h' },
    { flags: ['--hist_logscale'], kind: 'flag', help: 'h' },
    {
      flags: ['--min_chars_for'],
      nargs: 2,
      append: true,
      default: [['<index>', '3'], ['<size>', '11']],
      help: 'm',
    },
    { flags: ['--sort_regions_by'], nargs: '+', choices: ['address', 'age', 'size'], default: ['address'], help: 's' },
    { flags: ['--exec'], nargs: '?', constValue: 'default.py', help: 'e' },
    { flags: ['-v', '--verbose'], kind: 'count', help: 'v' },
    { flags: ['-q'], kind: 'flag', help: 'q' },
    { flags: ['--on'], kind: 'const', constValue: 'x', append: true, dest: 'marks', help: 'o' },
  ],
  run: () => 0,
};

const record: CommandSpec = {
  name: 'record',
  summary: 'r',
  options: [
    { flags: ['-o', '--out'], default: 'damon.data', help: 'o' },
    { flags: ['--damos_access_rate'], nargs: 2, append: true, help: 'a' },
    { flags: ['--do_record'], nargs: '+', choices: ['access', 'cpu_profile'], help: 'd' },
    { flags: ['--timeout'], help: 't' },
  ],
  positionals: [{ name: 'deducible_target', nargs: '?', help: 't' }],
  run: () => 0,
};

const module_: CommandSpec = {
  name: 'module',
  summary: 'm',
  options: [{ flags: ['--must'], required: true, help: 'm' }],
  positionals: [
    { name: 'module_name', help: 'm' },
    { name: 'action', choices: ['read', 'write'], help: 'a' },
    { name: 'words', nargs: '*', default: ['all'], help: 'w' },
  ],
  run: () => 0,
};

const root: CommandSpec = {
  name: 'damo',
  summary: 'd',
  subcommands: [
    { name: 'report', summary: 'r', subcommands: [wss, heatmap, access] },
    record,
    module_,
  ],
};

function parse(...argv: string[]) {
  return parseCommandLine(root, argv);
}

function fails(argv: string[], pattern: RegExp) {
  assert.throws(
    () => parseCommandLine(root, argv),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, `not a usage error: ${e}`);
      assert.equal(e.exitCode, 2);
      assert.ok(!e.message.includes('\n'), 'error must be one line');
      assert.match(e.message, pattern);
      return true;
    },
  );
}

test('fixed arity options take exactly N values', () => {
  assert.deepEqual(parse('report', 'heatmap', '--resol', '40', '80').args.resol, ['40', '80']);
  assert.deepEqual(parse('report', 'wss', '-r', '1', '101', '1', '--raw_number').args.range, ['1', '101', '1']);
  assert.deepEqual(parse('record', '--damos_access_rate', '5', 'max', 'cmd').args, {
    out: 'damon.data',
    damos_access_rate: [['5', 'max']],
    do_record: null,
    timeout: null,
    deducible_target: 'cmd',
  });
  fails(['report', 'heatmap', '--resol', '40'], /--resol: expected 2 arguments/);
  fails(['report', 'heatmap', '--resol', '40', '--guide'], /--resol: expected 2 arguments/);
  // A glued value is the only value of its option.
  fails(['report', 'heatmap', '--resol=40', '80'], /expected 2 arguments/);
});

test('nargs ?, * and +', () => {
  assert.equal(parse('report', 'access', '--exec').args.exec, 'default.py');
  assert.equal(parse('report', 'access', '--exec', 'mine.py').args.exec, 'mine.py');
  assert.equal(parse('report', 'access').args.exec, null);
  assert.deepEqual(parse('report', 'access', '--repeat').args.repeat, []);
  assert.deepEqual(parse('report', 'access', '--repeat', '1', '3', '-q').args.repeat, ['1', '3']);
  assert.deepEqual(parse('report', 'access', '--percentiles_range', '0', '100', '25').args.percentiles_range, ['0', '100', '25']);
  fails(['report', 'access', '--percentiles_range'], /expected at least one argument/);
  fails(['report', 'access', '--percentiles_range', '-q'], /expected at least one argument/);
  // '+' is greedy, as argparse: the would-be target becomes a (wrong) choice.
  fails(['record', '--do_record', 'access', './workload'], /invalid choice: '\.\/workload'/);
  assert.deepEqual(parse('record', '--do_record', 'access', '--', './workload').args.deducible_target, './workload');
});

test('append adds to a copy of the default list', () => {
  const a = parse('report', 'access', '--min_chars_for', '<temperature>', '20').args;
  assert.deepEqual(a.min_chars_for, [['<index>', '3'], ['<size>', '11'], ['<temperature>', '20']]);
  assert.deepEqual(access.options!.find((o) => o.flags[0] === '--min_chars_for')!.default, [
    ['<index>', '3'],
    ['<size>', '11'],
  ]);
  assert.deepEqual(parse('report', 'access').args.min_chars_for, [['<index>', '3'], ['<size>', '11']]);
  const t = parse('report', 'access', '--temperature', '-100', '0', '--temperature', '5', '10').args;
  assert.deepEqual(t.temperature, [['-100', '0'], ['5', '10']]);
  assert.deepEqual(parse('report', 'access', '--on', '--on').args.marks, ['x', 'x']);
});

test('unambiguous long prefixes, and the ambiguity error', () => {
  assert.equal(parse('report', 'access', '--form', 'f').args.format_region, 'f');
  // Upstream's `--inp` is ambiguous too: `report access` has --input and --input_file.
  fails(['report', 'access', '--inp', 'f'], /ambiguous option: --inp could match --input, --input_file/);
  assert.equal(parse('report', 'access', '--input_f', 'f').args.input_file, 'f');
  assert.equal(parse('report', 'access', '--input', 'f').args.input, 'f', 'an exact name beats a longer one');
  assert.equal(parse('report', 'heatmap', '--gui').args.guide, true);
  assert.equal(parse('report', 'wss', '--raw', '-r', '1', '2', '3').args.raw_number, true);
  fails(['report', 'access', '--hist', 'x'], /ambiguous option: --hist could match --hist_cumulate, --hist_logscale/);
  // --help takes part in prefix matching, as in argparse.
  fails(['report', 'access', '--h'], /ambiguous option: --h could match --help, --hist_cumulate, --hist_logscale/);
  assert.equal(parse('report', 'heatmap', '--he').help, true);
  // Even a word meant as a value is checked (argparse classifies every word first).
  fails(['report', 'access', '--format_region', '--hist'], /ambiguous option/);
});

test('--opt=value and -oVALUE', () => {
  assert.equal(parse('report', 'access', '--input=a=b').args.input, 'a=b');
  assert.equal(parse('report', 'access', '--form=x').args.format_region, 'x');
  assert.equal(parse('report', 'access', '-ifile').args.input, 'file');
  assert.equal(parse('report', 'access', '-i=file').args.input, 'file');
  fails(['report', 'wss', '-r1', '2', '3'], /expected 3 arguments/);
  fails(['report', 'heatmap', '--guide=yes'], /--guide: ignored explicit argument 'yes'/);
  assert.equal(parse('report', 'access', '-vvv').args.verbose, 3);
  assert.equal(parse('report', 'access', '-vq').args.q, true);
  fails(['report', 'access', '-vz'], /ignored explicit argument 'z'/);
});

test('negative numbers and dash-led words with spaces are values', () => {
  assert.deepEqual(parse('report', 'access', '--temperature', '-100', '-0.5').args.temperature, [['-100', '-0.5']]);
  assert.equal(parse('report', 'access', '--format_region', '- <size> -').args.format_region, '- <size> -');
  assert.equal(parse('report', 'access', '--format_region', '--x y').args.format_region, '--x y');
  // ... unless they name an option: '-i x' is -i with value ' x'.
  assert.equal(parse('report', 'access', '-i x').args.input, ' x');
  // A dash-led word that is neither is an (unknown) option.
  fails(['report', 'access', '--temperature', '-1G', '0'], /--temperature: expected 2 arguments/);
  fails(['report', 'access', '--bogus'], /unrecognized arguments: --bogus/);
});

test('-- ends options', () => {
  const r = parse('record', '-o', 'x', '--', '--not-an-option');
  assert.equal(r.args.out, 'x');
  assert.equal(r.args.deducible_target, '--not-an-option');
  fails(['report', 'access', '--input', '--', 'f'], /--input: expected one argument/);
});

test('choices are checked for options and positionals', () => {
  assert.equal(parse('report', 'heatmap', '--draw_range', 'all').args.draw_range, 'all');
  fails(['report', 'heatmap', '--draw_range', 'some'], /--draw_range: invalid choice: 'some' \(choose from 'hottest', 'all'\)/);
  assert.deepEqual(parse('report', 'access', '--sort_regions_by', 'age', 'size').args.sort_regions_by, ['age', 'size']);
  fails(['module', '--must', '1', 'reclaim', 'delete'], /argument action: invalid choice: 'delete'/);
});

test('positionals, including an optional one after options', () => {
  assert.equal(parse('record', '--out', 'x', 'sleep 3').args.deducible_target, 'sleep 3');
  assert.equal(parse('record', 'sleep 3', '--out', 'x').args.deducible_target, 'sleep 3');
  assert.equal(parse('record', '--timeout', '3').args.deducible_target, null);
  fails(['record', 'a', 'b'], /unrecognized arguments: b/);
  const m = parse('module', 'reclaim', 'read', '--must', '1');
  assert.deepEqual([m.args.module_name, m.args.action, m.args.words], ['reclaim', 'read', ['all']]);
  assert.deepEqual(parse('module', 'stat', 'write', 'a', 'b', '--must', '1').args.words, ['a', 'b']);
  fails(['module', '--must', '1'], /the following arguments are required: module_name, action/);
  fails(['module', 'reclaim', 'read'], /the following arguments are required: --must/);
});

test('subcommands', () => {
  const r = parse('report', 'wss', '--range', '1', '2', '3');
  assert.deepEqual(r.path.map((c) => c.name), ['damo', 'report', 'wss']);
  fails(['report', 'wsss'], /invalid choice: 'wsss' \(choose from 'wss', 'heatmap', 'access'\)/);
  fails(['report'], /a <command> is needed|a command is needed/);
  fails(['--bogus', 'report', 'wss'], /unrecognized arguments: --bogus/);
  assert.equal(parse('-h').help, true);
  assert.equal(parse('report', '--help').help, true);
  assert.deepEqual(parse('report', '-h').path.map((c) => c.name), ['damo', 'report']);
});

test('help wins over later errors, not over earlier ones', () => {
  assert.equal(parse('report', 'heatmap', '-h', '--draw_range', 'bad').help, true);
  assert.equal(parse('report', 'heatmap', '--bogus', '-h').help, true);
  fails(['report', 'heatmap', '--draw_range', 'bad', '-h'], /invalid choice/);
});

test('last occurrence wins for plain options', () => {
  assert.equal(parse('report', 'access', '-i', 'a', '--input', 'b').args.input, 'b');
});
