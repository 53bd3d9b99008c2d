// Parses a command line against a CommandSpec tree the way Python's argparse does
// for upstream damo: each word is first classified as an option or a value using the
// command's own option table (exact names, unambiguous long prefixes, `-iFILE`,
// `--opt=value`, negative numbers and dash-led words with spaces as values), then
// options take their fixed or variable number of values, and positionals get the rest.
import { UserError } from '../base/user-error.ts';
import { valueProblem } from './option-values.ts';
import { type Arity, type CommandSpec, type OptionSpec, type ParsedArgs, destOf } from './option-table.ts';

export class UsageError extends UserError {
  constructor(
    readonly commandPath: string[],
    message: string,
  ) {
    super(`${commandPath.join(' ')}: error: ${message} (see '${commandPath.join(' ')} --help')`, 2);
  }
}

export interface ParseResult {
  /** The command chosen, innermost last (root first). */
  path: CommandSpec[];
  args: ParsedArgs;
  help: boolean;
}

/** The `-h/--help` entry every command has, as argparse adds it. */
export const HELP_OPTION: OptionSpec = { flags: ['-h', '--help'], kind: 'flag', help: 'show this help and exit' };

/** A word of the command line as argparse sees it: a value ('A') or an option ('O'). */
export type WordClass =
  | { kind: 'A' }
  | { kind: 'O'; opt: OptionSpec | undefined; flag: string; attached: string | undefined };

export class AmbiguousOptionError extends Error {
  constructor(
    readonly word: string,
    readonly candidates: string[],
  ) {
    super(`ambiguous option: ${word} could match ${candidates.join(', ')}`);
  }
}

// argparse's test for words that are numbers rather than options (no damo option looks like one).
const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** Every option of a command, with the help option first. */
export function optionsOf(spec: CommandSpec): OptionSpec[] {
  return [HELP_OPTION, ...(spec.options ?? [])];
}

/** Long flags starting with `prefix`, with their options (in table order). */
export function longPrefixMatches(options: OptionSpec[], prefix: string): [string, OptionSpec][] {
  return options.flatMap((o) => o.flags.filter((f) => f.startsWith('--') && f.startsWith(prefix)).map((f) => [f, o] as [string, OptionSpec]));
}

/**
 * Classifies one word as argparse's `_parse_optional` does. Throws
 * AmbiguousOptionError when a long prefix matches more than one option.
 */
export function classifyWord(options: OptionSpec[], word: string): WordClass {
  if (!word.startsWith('-') || word === '-') return { kind: 'A' };
  const byFlag = (flag: string) => options.find((o) => o.flags.includes(flag));
  const exact = byFlag(word);
  if (exact) return { kind: 'O', opt: exact, flag: word, attached: undefined };
  const eq = word.indexOf('=');
  if (eq > 0) {
    const head = word.slice(0, eq);
    const opt = byFlag(head);
    if (opt) return { kind: 'O', opt, flag: head, attached: word.slice(eq + 1) };
  }
  if (word.startsWith('--')) {
    const prefix = eq > 0 ? word.slice(0, eq) : word;
    const matches = longPrefixMatches(options, prefix);
    const distinct = new Set(matches.map(([, o]) => o));
    if (distinct.size > 1) throw new AmbiguousOptionError(prefix, matches.map(([f]) => f));
    if (matches.length > 0) {
      return { kind: 'O', opt: matches[0][1], flag: matches[0][0], attached: eq > 0 ? word.slice(eq + 1) : undefined };
    }
  } else if (word[1] !== '-') {
    // A short option with its value glued on: `-iFILE`, `-r1`.
    const short = byFlag(word.slice(0, 2));
    if (short) return { kind: 'O', opt: short, flag: word.slice(0, 2), attached: word.slice(2) };
  }
  if (NEGATIVE_NUMBER.test(word)) return { kind: 'A' };
  if (word.includes(' ')) return { kind: 'A' };
  return { kind: 'O', opt: undefined, flag: word, attached: undefined };
}

export function parseCommandLine(root: CommandSpec, argv: string[]): ParseResult {
  const path: CommandSpec[] = [root];
  const args: ParsedArgs = {};
  let spec = root;
  let rest = argv;
  for (;;) {
    applyDefaults(spec, args);
    const step = parseOne(spec, rest, path.map((c) => c.name), args);
    if (step.help) return { path, args, help: true };
    if (!step.sub) break;
    spec = step.sub.spec;
    path.push(spec);
    rest = step.sub.rest;
  }
  if (spec.subcommands && !spec.run) {
    throw new UsageError(
      path.map((c) => c.name),
      `a ${spec.subcommandMetavar ?? 'command'} is needed (one of: ${visibleNames(spec).join(', ')})`,
    );
  }
  return { path, args, help: false };
}

function visibleNames(spec: CommandSpec): string[] {
  return (spec.subcommands ?? []).filter((c) => !c.hidden).map((c) => c.name);
}

function applyDefaults(spec: CommandSpec, args: ParsedArgs): void {
  for (const opt of spec.options ?? []) {
    const dest = destOf(opt);
    if (dest in args) continue;
    if (opt.default !== undefined) args[dest] = structuredClone(opt.default);
    else if (opt.kind === 'flag') args[dest] = false;
    else if (opt.kind === 'count') args[dest] = 0;
    else args[dest] = null;
  }
  for (const pos of spec.positionals ?? []) {
    if (!(pos.name in args)) args[pos.name] = pos.default !== undefined ? structuredClone(pos.default) : null;
  }
}

interface StepResult {
  help: boolean;
  sub?: { spec: CommandSpec; rest: string[] };
}

function parseOne(spec: CommandSpec, argv: string[], names: string[], args: ParsedArgs): StepResult {
  const options = optionsOf(spec);
  const fail = (msg: string): never => {
    throw new UsageError(names, msg);
  };
  // As argparse, every word is classified before any is consumed, and '--' makes
  // all later words values.
  const dashdash = argv.indexOf('--');
  const classes: WordClass[] = argv.map((w, i) => {
    if (dashdash >= 0 && i >= dashdash) return { kind: 'A' };
    try {
      return classifyWord(options, w);
    } catch (e) {
      if (e instanceof AmbiguousOptionError) return fail(e.message);
      throw e;
    }
  });
  const isValue = (i: number) => i < argv.length && classes[i].kind === 'A' && i !== dashdash;

  const positionals: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<OptionSpec>();
  let i = 0;
  while (i < argv.length) {
    const cls = classes[i];
    if (i === dashdash) {
      i++;
      continue;
    }
    if (cls.kind === 'A') {
      if (spec.subcommands && positionals.length === 0 && (dashdash < 0 || i < dashdash)) {
        const sub = spec.subcommands.find((c) => c.name === argv[i]);
        if (!sub) {
          fail(`invalid choice: '${argv[i]}' (choose from ${visibleNames(spec).map((n) => `'${n}'`).join(', ')})`);
        }
        if (unknown.length > 0) fail(`unrecognized arguments: ${unknown.join(' ')}`);
        return { help: false, sub: { spec: sub as CommandSpec, rest: argv.slice(i + 1) } };
      }
      positionals.push(argv[i]);
      i++;
      continue;
    }
    if (!cls.opt) {
      unknown.push(argv[i]);
      i++;
      continue;
    }
    // Short flags may be bundled (`-vv`): each letter after the first is another short option.
    let opt: OptionSpec = cls.opt;
    let flag = cls.flag;
    let attached = cls.attached;
    while (!takesValues(opt) && attached !== undefined && attached !== '' && !flag.startsWith('--') && !argv[i].includes('=')) {
      if (opt === HELP_OPTION) return { help: true };
      storeNoValue(opt, args);
      seen.add(opt);
      flag = `-${attached[0]}`;
      const next = options.find((o) => o.flags.includes(flag));
      if (!next) fail(`argument ${opt.flags.join('/')}: ignored explicit argument '${attached}'`);
      opt = next as OptionSpec;
      attached = attached.length > 1 ? attached.slice(1) : undefined;
    }
    if (opt === HELP_OPTION) {
      if (attached !== undefined) fail(`argument -h/--help: ignored explicit argument '${attached}'`);
      return { help: true };
    }
    seen.add(opt);
    i = consume(opt, attached, argv, i + 1, isValue, args, fail);
  }
  assignPositionals(spec, positionals, unknown, args, fail);
  if (unknown.length > 0) fail(`unrecognized arguments: ${unknown.join(' ')}`);
  const missing = (spec.options ?? []).filter((o) => o.required && !seen.has(o));
  if (missing.length > 0) fail(`the following arguments are required: ${missing.map((o) => o.flags.join('/')).join(', ')}`);
  return { help: false };
}

function takesValues(opt: OptionSpec): boolean {
  return opt.kind === undefined || opt.kind === 'value';
}

function storeNoValue(opt: OptionSpec, args: ParsedArgs): void {
  const dest = destOf(opt);
  if (opt.kind === 'flag') args[dest] = true;
  else if (opt.kind === 'count') args[dest] = ((args[dest] as number) ?? 0) + 1;
  else if (opt.append) {
    if (!Array.isArray(args[dest])) args[dest] = [];
    (args[dest] as unknown[]).push(structuredClone(opt.constValue));
  } else args[dest] = structuredClone(opt.constValue);
}

function arityLabel(nargs: Arity): string {
  if (nargs === 1) return 'one argument';
  if (typeof nargs === 'number') return `${nargs} arguments`;
  return 'at least one argument';
}

function quoteChoices(choices: readonly string[]): string {
  return choices.map((c) => `'${c}'`).join(', ');
}

function consume(
  opt: OptionSpec,
  attached: string | undefined,
  argv: string[],
  next: number,
  isValue: (i: number) => boolean,
  args: ParsedArgs,
  fail: (msg: string) => never,
): number {
  const dest = destOf(opt);
  const name = opt.flags.join('/');
  if (!takesValues(opt)) {
    if (attached !== undefined) fail(`argument ${name}: ignored explicit argument '${attached}'`);
    storeNoValue(opt, args);
    return next;
  }
  const nargs = opt.nargs;
  const want = nargs === undefined ? 1 : nargs;
  const values: string[] = [];
  let i = next;
  if (attached !== undefined) {
    // A glued value is the option's only value (argparse): `--resol=40 80` is an error.
    if (typeof want === 'number' && want !== 1) fail(`argument ${name}: expected ${arityLabel(want)}`);
    values.push(attached);
  } else if (typeof want === 'number') {
    while (values.length < want && isValue(i)) values.push(argv[i++]);
    if (values.length < want) fail(`argument ${name}: expected ${arityLabel(want)}`);
  } else if (want === '?') {
    if (isValue(i)) values.push(argv[i++]);
  } else {
    while (isValue(i)) values.push(argv[i++]);
    if (want === '+' && values.length === 0) fail(`argument ${name}: expected ${arityLabel('+')}`);
  }
  for (const v of values) {
    if (opt.choices && !opt.choices.includes(v)) {
      fail(`argument ${name}: invalid choice: '${v}' (choose from ${quoteChoices(opt.choices)})`);
    }
    const problem = opt.value ? valueProblem(opt.value, v) : null;
    if (problem) fail(`argument ${name}: ${problem}`);
  }
  let value: unknown;
  if (nargs === undefined) value = values[0];
  else if (nargs === '?') value = values.length > 0 ? values[0] : structuredClone(opt.constValue ?? null);
  else value = values;
  if (opt.append) {
    // As argparse: occurrences are appended to (a copy of) the default list.
    if (!Array.isArray(args[dest])) args[dest] = [];
    (args[dest] as unknown[]).push(value);
  } else {
    args[dest] = value;
  }
  return i;
}

function assignPositionals(
  spec: CommandSpec,
  values: string[],
  unknown: string[],
  args: ParsedArgs,
  fail: (msg: string) => never,
): void {
  const specs = spec.positionals ?? [];
  // Values a fixed or '+' positional needs are reserved before optional ones take theirs.
  const minNeeded = (from: number) =>
    specs.slice(from).reduce((n, p) => n + (p.nargs === undefined ? 1 : typeof p.nargs === 'number' ? p.nargs : p.nargs === '+' ? 1 : 0), 0);
  const missing: string[] = [];
  let k = 0;
  specs.forEach((p, idx) => {
    const available = values.length - k - minNeeded(idx + 1);
    let taken: string[];
    if (p.nargs === undefined || typeof p.nargs === 'number') {
      const n = p.nargs === undefined ? 1 : p.nargs;
      if (values.length - k < n) {
        missing.push(p.metavar ?? p.name);
        return;
      }
      taken = values.slice(k, k + n);
    } else if (p.nargs === '?') {
      taken = available > 0 ? values.slice(k, k + 1) : [];
    } else {
      taken = values.slice(k, k + Math.max(available, 0));
      if (p.nargs === '+' && taken.length === 0) {
        missing.push(p.metavar ?? p.name);
        return;
      }
    }
    k += taken.length;
    for (const v of taken) {
      if (p.choices && !p.choices.includes(v)) {
        fail(`argument ${p.metavar ?? p.name}: invalid choice: '${v}' (choose from ${quoteChoices(p.choices)})`);
      }
    }
    if (p.nargs === undefined || p.nargs === '?') {
      if (taken.length > 0) args[p.name] = taken[0];
    } else if (taken.length > 0 || p.default === undefined) {
      args[p.name] = taken;
    }
  });
  if (missing.length > 0) fail(`the following arguments are required: ${missing.join(', ')}`);
  unknown.push(...values.slice(k));
}
