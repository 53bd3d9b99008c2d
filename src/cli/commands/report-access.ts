// `damo report access`: show access-pattern snapshots of a record, in upstream's
// option spellings and defaults (spec/reports.md §6.1, hidden options included).
import { existsSync, readFileSync } from 'node:fs';
import { COLORSET_NAMES, type ColorsetName } from '../../base/ansi-colors.ts';
import { textToNr } from '../../base/units.ts';
import { UserError } from '../../base/user-error.ts';
import { readRecordFiles } from '../../formats/read-records.ts';
import type { DamonRecord } from '../../model/record.ts';
import {
  type AccessReportOptions,
  BOX_VALUE_NAMES,
  type BoxScale,
  type BoxValueName,
  FORMAT_AREAS,
  type FormatAction,
  type FormatArea,
  SORT_KEYS,
  STYLE_NAMES,
  type SortKey,
  type StyleName,
  type Templates,
  defaultAccessReportOptions,
} from '../../report/access/access-options.ts';
import { accessReportText } from '../../report/access/access-report.ts';
import { recordsJsonText } from '../../report/access/json-output.ts';
import { percentilesFromArgs } from '../../report/access/percentiles.ts';
import { rawFormText } from '../../report/access/raw-form.ts';
import type { TemperatureWeights } from '../../report/access/region-metrics.ts';
import { type RecordFilterArgs, filterRecords, recordFilterOptionsFromArgs } from '../../report/record-filters.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';
import { PERCENTILE_RANGE_ARG } from '../option-values.ts';
import { streamRawForm } from '../raw-form-files.ts';
import { BACKEND_OPTION } from '../backend-choice.ts';
import { liveRecords, liveRequest } from '../live-access-input.ts';
import { NO_COLOR_OPTION, colorsWanted } from '../color-choice.ts';

/** The record filter options (spec/reports.md §5.4), shared with `report times`/`profile`. */
export const recordFilterOptionSpecs: OptionSpec[] = [
  {
    flags: ['--sz_region'],
    value: { kind: 'size', min: 0 },
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'show only regions of this size range (bytes, units like 4KiB allowed)',
  },
  {
    flags: ['--access_rate'],
    value: { kind: 'percent', min: 0 },
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'show only regions of this access rate range (percent)',
  },
  {
    flags: ['--age'],
    value: { kind: 'time', unit: 'us', min: 0 },
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'show only regions of this age range; a bare number is in microseconds (as upstream reads it), so write units: 1s 10s',
  },
  {
    flags: ['--address'],
    value: { kind: 'size', min: 0 },
    nargs: 2,
    append: true,
    metavar: ['<start>', '<end>'],
    help: 'show only this address range, cutting regions at its edges (repeatable)',
  },
  {
    flags: ['--sz_snapshot'],
    value: { kind: 'size', min: 0 },
    nargs: 2,
    append: true,
    metavar: ['<min>', '<max>'],
    help: 'show only snapshots whose total size is in this range (repeatable)',
  },
  {
    flags: ['--snapshot_time'],
    nargs: 2,
    append: true,
    metavar: ['<start>', '<end>'],
    help: 'show only snapshots taken within this absolute time range (repeatable)',
  },
  {
    flags: ['--snapshot_idx'],
    nargs: 2,
    append: true,
    metavar: ['<start>', '<end>'],
    help: 'show only snapshots of this inclusive index range (repeatable)',
  },
  {
    flags: ['--temperature'],
    nargs: 2,
    append: true,
    metavar: ['<min>', '<max>'],
    help: 'show only regions of this temperature range (repeatable)',
  },
].map((o) => ({ ...o, hidden: true }) as OptionSpec);

const COLORSETS = COLORSET_NAMES as readonly string[];

/** Hidden options upstream lists under `damo help access_format_options`. */
export const accessFormatOptionSpecs: OptionSpec[] = [
  {
    flags: ['--sort_regions_by'],
    nargs: '+',
    choices: SORT_KEYS,
    metavar: '<key>',
    help: 'sort regions by these keys; the last one given decides first (default: address)',
  },
  {
    flags: ['--sort_regions_dsc'],
    nargs: '+',
    choices: [...SORT_KEYS, 'all'],
    metavar: '<key>',
    help: "sort by these keys in descending order ('all' for every key)",
  },
  {
    flags: ['--temperature_weights'],
    nargs: 3,
    value: { kind: 'int', min: -1e9, max: 1e9 },
    metavar: ['<size>', '<access_rate>', '<age>'],
    help: 'weights of size, access rate and age in a region temperature (default: 0 100 100)',
  },
  { flags: ['--hist_logscale'], kind: 'flag', help: 'make histogram ranges grow exponentially' },
  {
    flags: ['--hist_ranges'],
    nargs: '+',
    metavar: '<value>',
    help: 'histogram ranges as start/end pairs: <start> <end> [<start> <end> ...]',
  },
  { flags: ['--format_record_head'], metavar: '<template>', help: 'template of the text before each record' },
  { flags: ['--format_record_tail'], metavar: '<template>', help: 'template of the text after each record' },
  { flags: ['--format_snapshot_head'], metavar: '<template>', help: 'template of the text before each snapshot' },
  { flags: ['--format_snapshot_tail'], metavar: '<template>', help: 'template of the text after each snapshot' },
  { flags: ['--format_region'], metavar: '<template>', help: 'template of the line of each region' },
  { flags: ['--snapshot_heatmap_width'], value: { kind: 'int', min: 1, max: 10000 }, metavar: '<columns>', default: '80', help: 'columns of snapshot heatmaps' },
  {
    flags: ['--snapshot_heatmap_colorset'],
    choices: COLORSETS,
    default: 'gray',
    metavar: '<colorset>',
    help: 'colors of snapshot heatmaps',
  },
  {
    flags: ['--snapshot_heatmap_static'],
    kind: 'flag',
    help: 'map the whole address span to the heatmap, gaps included, instead of the regions only',
  },
  { flags: ['--region_box'], kind: 'flag', help: 'draw a box for each region' },
  {
    flags: ['--region_box_values'],
    nargs: 3,
    choices: BOX_VALUE_NAMES,
    metavar: ['<length>', '<color>', '<height>'],
    help: 'what box length, color and height show (default: age access_rate size)',
  },
  {
    flags: ['--region_box_min_max_length'],
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'shortest and longest box length (default: 1 30)',
  },
  {
    flags: ['--region_box_min_max_height'],
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'lowest and highest box height (default: 1 5)',
  },
  NO_COLOR_OPTION,
  {
    flags: ['--region_box_colorset'],
    choices: COLORSETS,
    default: 'gray',
    metavar: '<colorset>',
    help: 'colors of region boxes',
  },
  {
    flags: ['--region_box_scales'],
    nargs: 3,
    choices: ['linear', 'log'],
    metavar: ['<length>', '<color>', '<height>'],
    help: 'linear or log scale for box length, color and height (default: log linear log)',
  },
  {
    flags: ['--region_box_align'],
    choices: ['left', 'right'],
    default: 'left',
    metavar: '<left|right>',
    help: 'side region boxes line up on',
  },
  {
    flags: ['--min_chars_for'],
    nargs: 2,
    append: true,
    metavar: ['<keyword>', '<number>'],
    help: "pad a keyword's text to at least this many characters (built-in widths win)",
  },
  { flags: ['--dont_merge_regions'], kind: 'flag', help: 'keep adjacent regions of the same access pattern apart (live snapshots)' },
  { flags: ['--raw_form'], kind: 'flag', help: 'dump records, snapshots and regions plainly (works without intervals)' },
  {
    flags: ['--ls_record_format_keywords'],
    kind: 'flag',
    help: "say where to find the record format keywords (damo help access_format_options)",
  },
  {
    flags: ['--ls_snapshot_format_keywords'],
    kind: 'flag',
    help: "say where to find the snapshot format keywords (damo help access_format_options)",
  },
  {
    flags: ['--ls_region_format_keywords'],
    kind: 'flag',
    help: "say where to find the region format keywords (damo help access_format_options)",
  },
  {
    flags: ['--on_cache'],
    nargs: 3,
    metavar: ['<size>', '<ways>', '<line>'],
    help: 'map regions onto a CPU cache of this geometry (not supported)',
  },
].map((o) => ({ ...o, hidden: true }) as OptionSpec);

const visibleOptions: OptionSpec[] = [
  {
    flags: ['--input', '-i'],
    nargs: '+',
    append: true,
    metavar: '<file>',
    completion: 'file',
    help: "record file to read (repeat the option for more files; default: ./damon.data, else a snapshot of running DAMON). 'tried_regions_of <kdamond> <context> <scheme>' shows a running scheme's tried regions",
  },
  {
    flags: ['--snapshot_damos_filter'],
    nargs: '+',
    append: true,
    metavar: '<word>',
    help: 'DAMOS filter for live snapshots (ignored for record files)',
  },
  {
    flags: ['--style'],
    choices: STYLE_NAMES,
    default: 'detailed',
    metavar: '<style>',
    help: `output style: ${STYLE_NAMES.join(', ')}`,
  },
  {
    flags: ['--percentiles_range'],
    value: PERCENTILE_RANGE_ARG,
    nargs: '+',
    metavar: '<number>',
    help: 'percentiles to show: up to three numbers are range() arguments (start, stop, step), more are the list',
  },
  { flags: ['--hist_cumulate'], kind: 'flag', help: 'make every histogram range start from the smallest value' },
  {
    flags: ['--format'],
    nargs: '+',
    append: true,
    metavar: '<word>',
    help: "change a template: 'set|append <area> <template>', areas record_head, snapshot_head, region, snapshot_tail, record_tail; or one JSON object (text or file) of all templates",
  },
  { flags: ['--total_sz_only'], kind: 'flag', help: 'show only the total size of each snapshot' },
  { flags: ['--raw_number'], kind: 'flag', help: 'print numbers as plain integers, without units' },
  { flags: ['--json'], kind: 'flag', help: 'print the records as JSON' },
  { flags: ['--exec'], nargs: '+', metavar: '<word>', help: "run a Python script on the records (upstream's; not supported)" },
  {
    flags: ['--repeat'],
    nargs: '*',
    metavar: '<delay seconds> <count>',
    help: 'show the report again every <delay> seconds, <count> times (no values: every second, forever)',
  },
  { flags: ['--debug_damon'], kind: 'flag', help: 'print DAMON debug information (live snapshots only)' },
  BACKEND_OPTION,
];

// ---- option values to report options ---------------------------------------

function intValue(option: string, text: string): number {
  const v = textToNr(text);
  if (typeof v !== 'bigint') throw new UserError(`${option} takes whole numbers, not '${text}'`);
  return Number(v);
}

function ints(option: string, values: string[] | null): number[] | null {
  return values ? values.map((v) => intValue(option, v)) : null;
}

/** --format words: 'set|append <area> <template>', or one JSON object (text or a file). */
function formatArgs(occurrences: string[][] | null): { actions: FormatAction[]; object: Partial<Templates> | null } {
  const fail = (why: string): never => {
    throw new UserError(`format setting failed (${why})`);
  };
  const actions: FormatAction[] = [];
  let object: Partial<Templates> | null = null;
  for (const words of occurrences ?? []) {
    if (words.length === 1) {
      object = formatObjectOf(words[0], fail);
      continue;
    }
    if (words.length !== 3) fail(`wrong nr of --format option (${words.join(' ')}); give set|append <area> <template>`);
    const [action, area, template] = words;
    if (action !== 'set' && action !== 'append') fail(`wrong --format action (${action}); use set or append`);
    if (!(FORMAT_AREAS as readonly string[]).includes(area)) {
      fail(`wrong --format target area (${area}); use one of ${FORMAT_AREAS.join(', ')}`);
    }
    actions.push({ action: action as 'set' | 'append', area: area as FormatArea, template });
  }
  return { actions, object };
}

function formatObjectOf(word: string, fail: (why: string) => never): Partial<Templates> {
  let text = word;
  if (existsSync(word)) text = readFileSync(word, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(`'${word}' is neither a JSON object nor a file holding one`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail(`'${word}' is not a JSON object of templates`);
  }
  const out: Partial<Templates> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(FORMAT_AREAS as readonly string[]).includes(k)) fail(`unknown template area '${k}' (areas: ${FORMAT_AREAS.join(', ')})`);
    if (v !== null && typeof v !== 'string') fail(`template of '${k}' is not a string`);
    out[k as FormatArea] = v as string | null;
  }
  return out;
}

function pairOf(option: string, values: string[] | null, fallback: [number, number]): [number, number] {
  const v = ints(option, values);
  return v ? [v[0], v[1]] : fallback;
}

export function accessOptionsFromArgs(args: ParsedArgs): AccessReportOptions {
  const o = defaultAccessReportOptions();
  const a = args as Record<string, unknown>;
  const strs = (k: string) => (a[k] as string[] | null) ?? null;
  o.style = a.style as StyleName;
  o.legacyTemplates = {
    record_head: (a.format_record_head as string | null) ?? null,
    snapshot_head: (a.format_snapshot_head as string | null) ?? null,
    region: (a.format_region as string | null) ?? null,
    snapshot_tail: (a.format_snapshot_tail as string | null) ?? null,
    record_tail: (a.format_record_tail as string | null) ?? null,
  };
  const fmt = formatArgs(a.format as string[][] | null);
  o.formatActions = fmt.actions;
  o.formatObject = fmt.object;
  if (strs('sort_regions_by')) o.sortBy = strs('sort_regions_by') as SortKey[];
  if (strs('sort_regions_dsc')) o.sortDsc = strs('sort_regions_dsc') as (SortKey | 'all')[];
  const weights = strs('temperature_weights');
  if (weights) {
    o.temperatureWeights = weights.map((w) => BigInt(intValue('--temperature_weights', w))) as TemperatureWeights;
  }
  const pr = ints('--percentiles_range', strs('percentiles_range'));
  if (pr) o.percentiles = percentilesFromArgs(pr);
  o.histogram = { ranges: strs('hist_ranges'), logscale: Boolean(a.hist_logscale), cumulate: Boolean(a.hist_cumulate) };
  if (o.histogram.ranges && o.histogram.ranges.length % 2 !== 0) {
    throw new UserError('--hist_ranges takes start/end pairs, so an even number of values');
  }
  const width = intValue('--snapshot_heatmap_width', a.snapshot_heatmap_width as string);
  if (width < 1) throw new UserError('--snapshot_heatmap_width must be at least 1');
  o.heatmap = {
    width,
    colorset: a.snapshot_heatmap_colorset as ColorsetName,
    static: Boolean(a.snapshot_heatmap_static),
  };
  o.regionBox = {
    enabled: Boolean(a.region_box),
    values: (strs('region_box_values') as [BoxValueName, BoxValueName, BoxValueName] | null) ?? o.regionBox.values,
    minMaxLength: pairOf('--region_box_min_max_length', strs('region_box_min_max_length'), o.regionBox.minMaxLength),
    minMaxHeight: pairOf('--region_box_min_max_height', strs('region_box_min_max_height'), o.regionBox.minMaxHeight),
    colorset: a.region_box_colorset as ColorsetName,
    scales: (strs('region_box_scales') as [BoxScale, BoxScale, BoxScale] | null) ?? o.regionBox.scales,
    align: a.region_box_align as 'left' | 'right',
  };
  o.minCharsFor = ((a.min_chars_for as string[][] | null) ?? []).map(([kw, n]) => [kw, intValue('--min_chars_for', n)]);
  o.totalSzOnly = Boolean(a.total_sz_only);
  o.raw = Boolean(a.raw_number);
  return o;
}

// ---- input ---------------------------------------------------------------------

/** The record files to read, once liveRequest() has said the input is not live. */
export function inputFiles(args: ParsedArgs): string[] {
  const given = (args.input as string[][] | null) ?? [];
  const files: string[] = [];
  for (const words of given) {
    if (words.length !== 1) {
      throw new UserError(`--input handling failed (unsupported input: '${words.join(' ')}'); repeat --input for more files`);
    }
    files.push(words[0]);
  }
  files.push(...(((args.input_file as string[] | null) ?? []) as string[]));
  return files.length > 0 ? files : ['damon.data'];
}

function pyListRepr(items: string[]): string {
  return `[${items.map((s) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)).join(', ')}]`;
}

function reportText(records: DamonRecord[], files: string[], args: ParsedArgs, opts: AccessReportOptions): string {
  if (records.length === 0) return `No record in ${pyListRepr(files)}\n\n`;
  if (args.json) return recordsJsonText(records, opts.raw);
  if (args.raw_form) return rawFormText(records, opts.raw);
  return accessReportText(records, opts);
}

async function produce(args: ParsedArgs, opts: AccessReportOptions, out: (text: string) => void, ctx: CommandContext): Promise<void> {
  const live = liveRequest(args);
  if (live) {
    const records = await liveRecords(live, args, ctx);
    const filtered = filterRecords(records, recordFilterOptionsFromArgs(args as RecordFilterArgs, opts.temperatureWeights));
    out(withFinalNewline(reportText(filtered, [], args, opts)));
    return;
  }
  const files = inputFiles(args);
  const weights = opts.temperatureWeights;
  const filterOpts = recordFilterOptionsFromArgs(args as RecordFilterArgs, weights);
  if (args.raw_form && !args.json) {
    // one pass, one snapshot at a time, so a record of any size dumps in bounded memory
    let wrote = false;
    const nrRecords = await streamRawForm(files, filterOpts, opts.raw, (t) => {
      wrote ||= t.length > 0;
      out(t);
    });
    if (nrRecords === 0) out(`No record in ${pyListRepr(files)}\n\n`);
    else if (!wrote) out('\n');
    return;
  }
  const records = await readRecordFiles(files);
  const filtered = filterRecords(records, filterOpts);
  out(withFinalNewline(reportText(filtered, files, args, opts)));
}

function repeatPlan(values: string[] | null): { delayMs: number; count: number } | null {
  if (values === null) return null;
  if (values.length === 0) return { delayMs: 1000, count: Infinity };
  if (values.length !== 2) throw new UserError('--repeat takes no value, or <delay seconds> <count>');
  const delay = Number(textToNr(values[0]));
  const count = intValue('--repeat', values[1]);
  if (!(delay >= 0)) throw new UserError(`--repeat delay must be a non-negative number of seconds, not '${values[0]}'`);
  return { delayMs: delay * 1000, count };
}

/** Output ends with one newline; the raw form's own closing blank line is kept as is. */
function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  for (const area of ['record', 'snapshot', 'region']) {
    if (args[`ls_${area}_format_keywords`]) {
      ctx.out(`use 'damo help access_format_options ${area}_format_keywords' instead\n`);
      return 0;
    }
  }
  if (args.exec) {
    throw new UserError("--exec runs Python scripts on upstream damo's record objects, which this damo does not support; use --json output instead");
  }
  if (args.on_cache) throw new UserError('--on_cache (cache set mapping, experimental upstream) is not supported by this damo');
  const opts = accessOptionsFromArgs(args);
  if (!colorsWanted(args, ctx)) {
    opts.heatmap.colorset = 'none';
    opts.regionBox.colorset = 'none';
  }
  const repeat = repeatPlan(args.repeat as string[] | null);
  if (!repeat) {
    await produce(args, opts, (t) => ctx.out(t), ctx);
    return 0;
  }
  for (let i = 0; i < repeat.count; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, repeat.delayMs));
    await produce(args, opts, (t) => ctx.out(t), ctx);
  }
  return 0;
}

export const reportAccessCommand: CommandSpec = {
  name: 'access',
  summary: 'show access-pattern snapshots of a record or of running DAMON',
  description:
    'Show the snapshots of a record file: for each snapshot, a one-line heatmap over addresses, the regions with their size, access frequency and age, and totals. --style picks other views (idle time or temperature histograms and percentiles, region boxes), and templates (--format) change any line. Filters keep only the regions, addresses or snapshots of interest. `damo help access_format_options` and `damo help access_filter_options` list the hidden options.',
  examples: [
    'damo report access  # ./damon.data',
    'damo report access -i damon.data --style recency-percentiles',
    'damo report access --style hot --sz_region 2MiB max',
    "damo report access --format set region '<start address> <size> <access rate> <age>'",
    'damo report access --raw_form --raw_number  # plain dump, for scripts',
  ],
  options: [...visibleOptions, ...accessFormatOptionSpecs, ...recordFilterOptionSpecs,
    { flags: ['--input_file'], nargs: '+', metavar: '<file>', hidden: true, completion: 'file', help: 'older spelling of --input' },
    {
      flags: ['--tried_regions_of'],
      nargs: 3,
      append: true,
      metavar: ['<kdamond>', '<context>', '<scheme>'],
      hidden: true,
      help: 'older spelling of --input tried_regions_of',
    },
  ],
  run,
};
