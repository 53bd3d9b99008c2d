// Parses a command line against a CommandSpec tree the way Python's argparse does
// for upstream damo: fixed-arity options, unambiguous long-option prefixes,
// negative numbers as values, '--' ending options, and subcommands.
import { UserError } from '../base/user-error.ts';
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

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

function looksLikeOption(arg: string): boolean {
  if (!arg.startsWith('-') || arg === '-') return false;
  if (NEGATIVE_NUMBER.test(arg)) return false;
  // argparse takes a dash-led word with spaces in it as a value, not an option.
  if (arg.includes(' ') && !arg.startsWith('--')) return false;
  if (arg.includes(' ') && arg.startsWith('--') && !arg.split('=')[0].includes(' ')) return true;
  return !arg.includes(' ');
}

export function parseCommandLine(root: CommandSpec, argv: string[]): ParseResult {
  const path: CommandSpec[] = [root];
  const args: ParsedArgs = {};
  let help = false;
  let spec = root;
  let rest = argv;
  for (;;) {
    applyDefaults(spec, args);
    const step = parseOne(spec, rest, path.map((c) => c.name), args);
    help = help || step.help;
    if (!step.sub) break;
    spec = step.sub.spec;
    path.push(spec);
    rest = step.sub.rest;
  }
  if (!help && spec.subcommands && !spec.run) {
    throw new UsageError(
      path.map((c) => c.name),
      `a ${spec.subcommandMetavar ?? 'command'} is needed (one of: ${visibleNames(spec).join(', ')})`,
    );
  }
  return { path, args, help };
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
  const options = spec.options ?? [];
  const fail = (msg: string): never => {
    throw new UsageError(names, msg);
  };
  const longFlags = options.flatMap((o) => o.flags.filter((f) => f.startsWith('--')).map((f) => [f, o] as const));
  const findLong = (name: string): OptionSpec | undefined => {
    if (name === '--help') return undefined;
    const exact = longFlags.find(([f]) => f === name);
    if (exact) return exact[1];
    const matches = longFlags.filter(([f]) => f.startsWith(name));
    const distinct = new Set(matches.map(([, o]) => o));
    if (distinct.size > 1) fail(`ambiguous option: ${name} could match ${matches.map(([f]) => f).join(', ')}`);
    return matches[0]?.[1];
  };
  const findShort = (flag: string): OptionSpec | undefined => options.find((o) => o.flags.includes(flag));

  const positionals: string[] = [];
  const unknown: string[] = [];
  let help = false;
  let i = 0;
  let onlyPositionals = false;
  while (i < argv.length) {
    const arg = argv[i];
    if (onlyPositionals || !looksLikeOption(arg)) {
      if (spec.subcommands && positionals.length === 0 && !onlyPositionals) {
        const sub = spec.subcommands.find((c) => c.name === arg);
        if (!sub) {
          fail(`invalid choice: '${arg}' (choose from ${visibleNames(spec).map((n) => `'${n}'`).join(', ')})`);
        }
        return { help, sub: { spec: sub as CommandSpec, rest: argv.slice(i + 1) } };
      }
      positionals.push(arg);
      i++;
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      i++;
      continue;
    }
    if (arg === '-h' || arg === '--help' || (arg.length > 2 && '--help'.startsWith(arg) && !findLong(arg))) {
      help = true;
      i++;
      continue;
    }
    let opt: OptionSpec | undefined;
    let attached: string | undefined;
    let flagText = arg;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      flagText = eq >= 0 ? arg.slice(0, eq) : arg;
      attached = eq >= 0 ? arg.slice(eq + 1) : undefined;
      opt = findLong(flagText);
    } else {
      flagText = arg.slice(0, 2);
      opt = findShort(flagText);
      if (opt && arg.length > 2) {
        if (takesValues(opt)) attached = arg.slice(2).replace(/^=/, '');
        else fail(`argument ${flagText}: takes no value`);
      }
    }
    if (!opt) {
      unknown.push(arg);
      i++;
      continue;
    }
    i = consume(opt, flagText, attached, argv, i + 1, args, fail);
  }
  if (help) return { help };
  assignPositionals(spec, positionals, unknown, args, fail);
  if (unknown.length > 0) fail(`unrecognized arguments: ${unknown.join(' ')}`);
  return { help };
}

function takesValues(opt: OptionSpec): boolean {
  return opt.kind === undefined || opt.kind === 'value';
}

function arityLabel(nargs: Arity): string {
  if (nargs === 1) return 'one argument';
  if (typeof nargs === 'number') return `${nargs} arguments`;
  return 'at least one argument';
}

function consume(
  opt: OptionSpec,
  flag: string,
  attached: string | undefined,
  argv: string[],
  next: number,
  args: ParsedArgs,
  fail: (msg: string) => never,
): number {
  const dest = destOf(opt);
  if (!takesValues(opt)) {
    if (attached !== undefined) fail(`argument ${flag}: takes no value`);
    if (opt.kind === 'flag') args[dest] = true;
    else if (opt.kind === 'count') args[dest] = ((args[dest] as number) ?? 0) + 1;
    else args[dest] = structuredClone(opt.constValue);
    return next;
  }
  const values: string[] = [];
  if (attached !== undefined) values.push(attached);
  let i = next;
  const nargs = opt.nargs;
  const want = nargs === undefined ? 1 : nargs;
  const canTake = () => i < argv.length && !looksLikeOption(argv[i]) && argv[i] !== '--';
  if (typeof want === 'number') {
    while (values.length < want && canTake()) values.push(argv[i++]);
    if (values.length < want) fail(`argument ${opt.flags.join('/')}: expected ${arityLabel(want)}`);
  } else if (want === '?') {
    if (values.length === 0 && canTake()) values.push(argv[i++]);
  } else {
    while (canTake()) values.push(argv[i++]);
    if (want === '+' && values.length === 0) fail(`argument ${opt.flags.join('/')}: expected ${arityLabel('+')}`);
  }
  for (const v of values) {
    if (opt.choices && !opt.choices.includes(v)) {
      fail(
        `argument ${opt.flags.join('/')}: invalid choice: '${v}' (choose from ${opt.choices.map((c) => `'${c}'`).join(', ')})`,
      );
    }
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
  let k = 0;
  specs.forEach((p, idx) => {
    const available = values.length - k - minNeeded(idx + 1);
    let taken: string[];
    if (p.nargs === undefined || typeof p.nargs === 'number') {
      const n = p.nargs === undefined ? 1 : p.nargs;
      if (values.length - k < n) fail(`the following arguments are required: ${p.metavar ?? p.name}`);
      taken = values.slice(k, k + n);
    } else if (p.nargs === '?') {
      taken = available > 0 ? values.slice(k, k + 1) : [];
    } else {
      taken = values.slice(k, k + Math.max(available, 0));
      if (p.nargs === '+' && taken.length === 0) fail(`the following arguments are required: ${p.metavar ?? p.name}`);
    }
    k += taken.length;
    for (const v of taken) {
      if (p.choices && !p.choices.includes(v)) {
        fail(`argument ${p.name}: invalid choice: '${v}' (choose from ${p.choices.map((c) => `'${c}'`).join(', ')})`);
      }
    }
    if (p.nargs === undefined || p.nargs === '?') {
      if (taken.length > 0) args[p.name] = taken[0];
    } else {
      args[p.name] = taken;
    }
  });
  unknown.push(...values.slice(k));
}
