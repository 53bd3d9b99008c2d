// `damo help <topic>`: upstream's help topics (spec/control.md §1.8:
// damon_param_options, access_filter_options, access_format_options) and our
// `damo help options <command...>`. Topic data is looked up in the command tree when
// asked for, so it always matches what the commands really accept.
import { UserError } from '../../base/user-error.ts';
import { type KeywordArea, formatKeywordsHelp } from '../../report/access/format-keywords.ts';
import { damosParamOptions, monitoringParamOptions } from '../damon-param-options.ts';
import { allOptionsText, optionEntries, wrap } from '../help-text.ts';
import type { CommandSpec, OptionSpec } from '../option-table.ts';
import { destOf } from '../option-table.ts';

/** The record filter options of spec/reports.md §5.4, as `report access` has them. */
export const ACCESS_FILTER_DESTS = [
  'sz_region',
  'access_rate',
  'age',
  'address',
  'sz_snapshot',
  'snapshot_time',
  'snapshot_idx',
  'temperature',
];

const KEYWORD_AREAS = ['record', 'snapshot', 'region'] as const;
const FORMAT_TOPICS = ['options', ...KEYWORD_AREAS.map((a) => `${a}_format_keywords`)];

// The tree imports this file, so it is looked up when a topic runs, not at load time.
async function commandTree(): Promise<CommandSpec> {
  return (await import('../command-tree.ts')).rootCommand;
}

function findCommand(rootCommand: CommandSpec, names: string[]): CommandSpec[] {
  const path: CommandSpec[] = [rootCommand];
  for (const name of names) {
    const here = path[path.length - 1];
    const next = here.subcommands?.find((c) => c.name === name);
    if (!next) {
      const choices = (here.subcommands ?? []).filter((c) => !c.hidden).map((c) => c.name);
      const where = path.map((c) => c.name).join(' ');
      throw new UserError(
        choices.length > 0
          ? `'${where}' has no command '${name}' (it has: ${choices.join(', ')})`
          : `'${where}' has no subcommands, so '${name}' names nothing`,
      );
    }
    path.push(next);
  }
  return path;
}

async function reportAccess(): Promise<CommandSpec> {
  return findCommand(await commandTree(), ['report', 'access']).at(-1)!;
}

function notBuiltYet(what: string): never {
  throw new UserError(`${what} is not built yet in this damo ('damo report access' has not landed its options)`);
}

function section(title: string, options: OptionSpec[]): string {
  return `${[...wrap(title), '', ...optionEntries(options)].join('\n')}\n`;
}

function damonParamOptionsText(kind: string): string {
  const parts: string[] = [];
  if (kind === 'all' || kind === 'monitoring') {
    parts.push(section('DAMON monitoring options (contexts and targets); the n-th use of an option goes to the n-th context or target:', monitoringParamOptions()));
  }
  if (kind === 'all' || kind === 'damos') {
    parts.push(section('DAMOS options (schemes); the n-th use of an option goes to the n-th scheme:', damosParamOptions()));
  }
  return `${parts.join('\n')}\nThese options are taken by start, tune, record, schemes and 'damo args damon'.\n`;
}

async function accessFilterOptionsText(): Promise<string> {
  const filters = ((await reportAccess()).options ?? []).filter((o) => ACCESS_FILTER_DESTS.includes(destOf(o)));
  if (filters.length === 0) notBuiltYet('the record filter options');
  return section(
    "Record filters of 'damo report access' (also taken by 'report times' and 'report profile'); regions or snapshots outside the given ranges are left out:",
    filters,
  );
}

async function accessFormatOptionsText(topic: string | null): Promise<string> {
  const access = await reportAccess();
  if (topic === null) {
    return `${[
      "Topics on the output format of 'damo report access':",
      '',
      '  options                    the advanced format options (hidden from its --help)',
      ...KEYWORD_AREAS.map((a) => `  ${`${a}_format_keywords`.padEnd(27)}keywords a ${a} template may use`),
      '',
      "e.g. 'damo help access_format_options region_format_keywords'",
    ].join('\n')}\n`;
  }
  if (topic === 'options') {
    const format = (access.options ?? []).filter((o) => o.hidden && !ACCESS_FILTER_DESTS.includes(destOf(o)));
    if (format.length === 0) notBuiltYet('the access format options');
    return section("Advanced output format options of 'damo report access':", format);
  }
  // A command may provide the text itself (helpTopics); else the report's own keyword list.
  const own = access.helpTopics?.[topic];
  const body = own ? own() : formatKeywordsHelp(topic.replace(/_format_keywords$/, '') as KeywordArea);
  return body.endsWith('\n') ? body : `${body}\n`;
}

const damonParamTopic: CommandSpec = {
  name: 'damon_param_options',
  summary: 'DAMON parameter options of start, tune, record, schemes and args damon',
  positionals: [
    {
      name: 'kind',
      nargs: '?',
      default: 'all',
      choices: ['all', 'monitoring', 'damos'],
      metavar: '{all,monitoring,damos}',
      help: 'which options: monitoring (contexts, targets), damos (schemes) or all (default)',
    },
  ],
  examples: ['damo help damon_param_options damos'],
  run: (args, ctx) => {
    ctx.out(damonParamOptionsText(args.kind as string));
  },
};

const accessFilterTopic: CommandSpec = {
  name: 'access_filter_options',
  summary: "record filter options of 'report access'",
  examples: ['damo help access_filter_options'],
  run: async (_args, ctx) => {
    ctx.out(await accessFilterOptionsText());
  },
};

const accessFormatTopic: CommandSpec = {
  name: 'access_format_options',
  summary: "output format options and template keywords of 'report access'",
  positionals: [
    {
      name: 'topic',
      nargs: '?',
      choices: FORMAT_TOPICS,
      metavar: '<topic>',
      help: `one of: ${FORMAT_TOPICS.join(', ')}`,
    },
  ],
  examples: ['damo help access_format_options options', 'damo help access_format_options snapshot_format_keywords'],
  run: async (args, ctx) => {
    ctx.out(await accessFormatOptionsText((args.topic as string | null) ?? null));
  },
};

const optionsTopic: CommandSpec = {
  name: 'options',
  summary: 'every option of a command, the advanced ones included',
  positionals: [
    { name: 'command', nargs: '*', metavar: '<command>', completion: 'none', help: "the command's words, e.g. report access" },
  ],
  examples: ['damo help options report access', 'damo help options start'],
  run: async (args, ctx) => {
    const names = args.command as string[];
    if (names.length === 0) throw new UserError("name a command, e.g. 'damo help options report access'");
    ctx.out(allOptionsText(findCommand(await commandTree(), names)));
  },
};

const TOPICS = [damonParamTopic, accessFilterTopic, accessFormatTopic, optionsTopic];

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'print help on option groups and format keywords',
  description:
    "Print help on topics that a single command's --help leaves out: the DAMON parameter options, the record filters and output formats of 'report access', and every option of any command.",
  subcommandMetavar: '<topic>',
  subcommands: TOPICS,
  examples: ['damo help damon_param_options monitoring', 'damo help access_filter_options', 'damo help options report heatmap'],
  run: (_args, ctx) => {
    const lines = ['help topics:', ...TOPICS.map((t) => `  ${t.name.padEnd(26)}${t.summary}`), '', "e.g. 'damo help damon_param_options damos'"];
    ctx.out(`${lines.join('\n')}\n`);
  },
};
