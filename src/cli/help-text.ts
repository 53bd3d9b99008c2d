// Builds `--help` text from a CommandSpec: usage, description, commands, options and examples.
import { type CommandSpec, type OptionSpec, type PositionalSpec, destOf } from './option-table.ts';

const COLUMN = 28;
const WIDTH = 80;

export function wrap(text: string, width = WIDTH): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

function metavarsOf(opt: OptionSpec): string[] {
  if (opt.kind && opt.kind !== 'value') return [];
  const base = opt.metavar ?? destOf(opt).toUpperCase();
  const n = opt.nargs;
  if (Array.isArray(base)) return [...base];
  const mv = base as string;
  if (n === undefined) return [mv];
  if (typeof n === 'number') return Array.from({ length: n }, () => mv);
  if (n === '?') return [`[${mv}]`];
  if (n === '*') return [`[${mv} ...]`];
  return [`${mv} [${mv} ...]`];
}

function optionLabel(opt: OptionSpec): string {
  const mv = metavarsOf(opt).join(' ');
  return opt.flags.map((f) => (mv ? `${f} ${mv}` : f)).join(', ');
}

function positionalLabel(p: PositionalSpec): string {
  const mv = p.metavar ?? p.name;
  if (p.nargs === '?') return `[${mv}]`;
  if (p.nargs === '*') return `[${mv} ...]`;
  if (p.nargs === '+') return `${mv} [${mv} ...]`;
  return mv;
}

function entry(label: string, help: string): string[] {
  const helpWidth = WIDTH - COLUMN;
  const helpLines = wrap(help, helpWidth);
  const out: string[] = [];
  if (label.length + 2 <= COLUMN - 2) {
    out.push(`  ${label.padEnd(COLUMN - 2)}${helpLines[0] ?? ''}`);
  } else {
    out.push(`  ${label}`);
    out.push(`${' '.repeat(COLUMN)}${helpLines[0] ?? ''}`);
  }
  for (const l of helpLines.slice(1)) out.push(`${' '.repeat(COLUMN)}${l}`);
  return out;
}

export function usageLine(path: CommandSpec[]): string {
  const spec = path[path.length - 1];
  const parts = [`usage: ${path.map((c) => c.name).join(' ')}`];
  if ((spec.options ?? []).some((o) => !o.hidden)) parts.push('[options]');
  for (const p of spec.positionals ?? []) parts.push(positionalLabel(p));
  if (spec.subcommands) parts.push(spec.subcommandMetavar ?? '<command>', '...');
  return parts.join(' ');
}

export function helpText(path: CommandSpec[]): string {
  const spec = path[path.length - 1];
  const out: string[] = [usageLine(path), ''];
  out.push(...wrap(spec.description ?? spec.summary, WIDTH));
  if (spec.olderNameFor) out.push('', `This is an older name, kept working: use '${spec.olderNameFor}'.`);
  const subs = (spec.subcommands ?? []).filter((c) => !c.hidden);
  if (subs.length > 0) {
    out.push('', 'commands:');
    for (const c of subs) out.push(...entry(c.name, c.olderNameFor ? `${c.summary} (older name for '${c.olderNameFor}')` : c.summary));
  }
  const positionals = spec.positionals ?? [];
  if (positionals.length > 0) {
    out.push('', 'arguments:');
    for (const p of positionals) out.push(...entry(p.metavar ?? p.name, p.help));
  }
  out.push('', 'options:');
  out.push(...entry('-h, --help', 'show this help and exit'));
  out.push(...optionEntries((spec.options ?? []).filter((o) => !o.hidden)));
  const hidden = (spec.options ?? []).filter((o) => o.hidden).length;
  if (hidden > 0) out.push('', `(${hidden} advanced options are not listed; 'damo help options ${path.slice(1).map((c) => c.name).join(' ')}' lists them)`);
  if (spec.examples && spec.examples.length > 0) {
    out.push('', 'examples:');
    for (const e of spec.examples) out.push(`  ${e}`);
  }
  return `${out.join('\n')}\n`;
}

/** Help lines for options: label, then the help text with the choices. */
export function optionEntries(options: readonly OptionSpec[]): string[] {
  const out: string[] = [];
  for (const opt of options) {
    let help = opt.help;
    if (opt.choices && !help.includes('one of')) help += ` (one of: ${opt.choices.join(', ')})`;
    out.push(...entry(optionLabel(opt), help));
  }
  return out;
}

/** Every option, hidden ones included, for `damo help options <command>`. */
export function allOptionsText(path: CommandSpec[]): string {
  const spec = path[path.length - 1];
  const out: string[] = [`options of '${path.map((c) => c.name).join(' ')}', advanced ones included:`];
  out.push(...entry('-h, --help', 'show this help and exit'));
  out.push(...optionEntries(spec.options ?? []));
  return `${out.join('\n')}\n`;
}
