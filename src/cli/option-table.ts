// The typed option table: one declaration per command drives parsing, --help and
// shell completion. Semantics follow Python argparse, which upstream damo uses, so
// existing command lines (`--resol 40 80`, `-r 1 101 1`, unambiguous long-option prefixes) parse alike.

import type { ValueRule } from './option-values.ts';

/** How many values an option or positional takes, as argparse's nargs. */
export type Arity = number | '?' | '*' | '+';

export type { ValueRule } from './option-values.ts';

export interface OptionSpec {
  /** Spellings, e.g. ['--input', '-i']; the first long one names the value (dest). */
  flags: string[];
  dest?: string;
  /**
   * 'value' (default) stores what follows; 'flag' stores true; 'count' counts
   * repetitions; 'const' stores `constValue`.
   */
  kind?: 'value' | 'flag' | 'count' | 'const';
  /**
   * Omitted: one value, stored as a string. A number N (even 1): exactly N values,
   * stored as string[]. '?': optional value (constValue when absent). '*', '+': a list.
   */
  nargs?: Arity;
  /** Repeatable: each occurrence's value is pushed to a list. */
  append?: boolean;
  default?: unknown;
  constValue?: unknown;
  choices?: readonly string[];
  /** What each value must be (a range-checked number, size or time); unset: any text. */
  value?: ValueRule;
  metavar?: string | readonly string[];
  help: string;
  /** Parsed but left out of --help (upstream's hidden/advanced options). */
  hidden?: boolean;
  /** Parsing fails when the option is not given (argparse's required=True). */
  required?: boolean;
  /**
   * What shell completion offers for the value: 'file' (paths), 'none'. Unset: the
   * choices if any, else paths when the name or metavar speaks of a file or path.
   */
  completion?: 'file' | 'none';
}

export interface PositionalSpec {
  name: string;
  nargs?: Arity;
  default?: unknown;
  choices?: readonly string[];
  metavar?: string;
  help: string;
  /** What shell completion offers (see OptionSpec.completion); unset: choices, else paths. */
  completion?: 'file' | 'none';
}

export type ParsedArgs = Record<string, unknown>;

export interface CommandContext {
  /** Writes report text to stdout. */
  out(text: string): void;
  /** Writes a notice or warning to stderr. */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
}

export interface CommandSpec {
  name: string;
  /** One line, shown in the parent's command list. */
  summary: string;
  description?: string;
  /** Command lines shown under "examples:" in --help, each optionally with '  # why'. */
  examples?: string[];
  options?: OptionSpec[];
  positionals?: PositionalSpec[];
  subcommands?: CommandSpec[];
  /** Metavar for the subcommand slot in usage lines, e.g. '<report type>'. */
  subcommandMetavar?: string;
  /** An older spelling kept working; names what replaces it, for --help. */
  olderNameFor?: string;
  hidden?: boolean;
  /**
   * Extra `damo help` topics this command provides, by name, e.g. `report access`'s
   * 'record_format_keywords' for `damo help access_format_options record_format_keywords`.
   */
  helpTopics?: Record<string, () => string>;
  run?: (args: ParsedArgs, ctx: CommandContext) => Promise<number | void> | number | void;
}

export function destOf(opt: OptionSpec): string {
  if (opt.dest) return opt.dest;
  const long = opt.flags.find((f) => f.startsWith('--')) ?? opt.flags[0];
  return long.replace(/^-+/, '').replace(/-/g, '_');
}
