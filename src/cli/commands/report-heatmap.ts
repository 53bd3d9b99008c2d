// `damo report heatmap`: draw the access heatmap (time by address) of a record
// (spec/reports.md §7; option spellings and defaults are upstream's).
import { createInterface } from 'node:readline/promises';
import { type ColorsetName, COLORSET_NAMES } from '../../base/ansi-colors.ts';
import { UserError } from '../../base/user-error.ts';
import { readRecordFiles, streamRecordFile } from '../../formats/read-records.ts';
import { sniffFile } from '../../formats/sniff-format.ts';
import type { RangeRequest, ResolvedRanges } from '../../report/heatmap/complete-ranges.ts';
import type { GuideId } from '../../report/heatmap/guide.ts';
import {
  type HeatmapOptions,
  computeHeatGrids,
  drawHeatmap,
  guideReport,
  heatmapReport,
  resolveHeatmapRanges,
} from '../../report/heatmap/heatmap-report.ts';
import { type ImageType, imageTypeOf } from '../../render/encode-figure.ts';
import { heatmapFigure } from '../../render/heatmap-figure.ts';
import { type RecordSource, recordsSource } from '../../report/heatmap/record-source.ts';
import { type Axis, scrollView, zoomView } from '../../report/heatmap/zoom-scroll.ts';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../option-table.ts';
import { NO_COLOR_OPTION, colorsWanted } from '../color-choice.ts';
import { numberedPath, writePicture } from '../write-picture.ts';

function wholeNumber(option: string, text: string, min = -Infinity): number {
  if (!/^[-+]?\d+$/.test(text.trim())) throw new UserError(`${option} takes a whole number, not '${text}'`);
  const v = Number(text);
  if (v < min) throw new UserError(`${option} must be at least ${min}, not ${text}`);
  return v;
}

function realNumber(option: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || Number.isNaN(v)) throw new UserError(`${option} takes numbers, not '${text}'`);
  return v;
}

function optionalInt(args: ParsedArgs, dest: string): number | undefined {
  const v = args[dest];
  return v === null || v === undefined ? undefined : wholeNumber(`--${dest}`, String(v));
}

function chooseColorset(args: ParsedArgs, ctx: CommandContext): ColorsetName | null {
  return colorsWanted(args, ctx) ? (args.stdout_colorset as ColorsetName) : null;
}

function outputKind(output: string): 'stdout' | 'raw' | ImageType {
  if (output === 'stdout' || output === 'raw') return output;
  const type = imageTypeOf(output);
  if (type) return type;
  throw new UserError(`--output takes stdout, raw, or a file name ending in .png, .svg, .pdf or .jpeg, not '${output}'`);
}

function pictureTitle(id: GuideId, i: number, n: number): string {
  const parts: string[] = [];
  if (id.targetId !== null) parts.push(`target ${id.targetId}`);
  if (id.kdamondIdx !== null) parts.push(`kdamond ${id.kdamondIdx} context ${id.contextIdx} scheme ${id.schemeIdx}`);
  if (n > 1) parts.push(`range ${i + 1} of ${n}`);
  return `access heatmap${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Image output: one picture per address range, of the grid `--output raw` would print. */
async function writeHeatmapPictures(records: RecordSource, path: string, type: ImageType, args: ParsedArgs, opts: HeatmapOptions): Promise<void> {
  if (args.interactive_edit) throw new UserError('--interactive_edit works with the terminal map or raw output, not with pictures');
  const resolved = await resolveHeatmapRanges(records, opts.ranges);
  const { grids, heatUnit } = await computeHeatGrids(records, resolved, opts, opts.resol ?? [500, 500]);
  for (const [i, grid] of grids.entries()) {
    const fig = heatmapFigure(grid, {
      title: pictureTitle(resolved.id, i, grids.length),
      heatUnit,
      absTime: opts.absTime,
      absAddr: opts.absAddr,
      sortTemperature: opts.sortTemperature,
    });
    await writePicture(numberedPath(path, i), fig, type);
  }
}

function rangeRequest(args: ParsedArgs): RangeRequest {
  const tid = args.tid;
  let targetId: bigint | undefined;
  if (tid !== null && tid !== undefined) {
    if (!/^\d+$/.test(String(tid).trim())) throw new UserError(`--tid takes a whole number, not '${tid}'`);
    targetId = BigInt(String(tid).trim());
  }
  return {
    kdamondIdx: optionalInt(args, 'kdamond_idx'),
    contextIdx: optionalInt(args, 'context_idx'),
    schemeIdx: optionalInt(args, 'scheme_idx'),
    targetId,
    timeRange: (args.time_range as string[] | null) ?? undefined,
    addressRanges: (args.address_range as string[][] | null) ?? undefined,
    drawRange: args.draw_range as 'hottest' | 'all',
  };
}

/**
 * JSON records are streamed on every pass (bounded memory for big records); other
 * formats are parsed once and kept, since their readers group a whole trace anyway.
 */
async function recordSource(paths: string[]): Promise<RecordSource> {
  for (const path of paths) {
    const { format } = await sniffFile(path);
    if (format !== 'json' && format !== 'json_compressed') return recordsSource(await readRecordFiles(paths));
  }
  return {
    async visit(visitor) {
      for (const path of paths) {
        await streamRecordFile(path, { onRecordStart: (r) => visitor.record?.(r), onSnapshot: (r, s) => visitor.snapshot(r, s) });
      }
    },
  };
}

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const output = outputKind(String(args.output));
  const records = await recordSource(args.input as string[]);
  if (args.guide || args.guide_human) {
    ctx.out(await guideReport(records, Boolean(args.guide)));
    return 0;
  }
  const resol = args.resol as string[] | null;
  const weights = (args.temperature_weights as string[]).map((w) => realNumber('--temperature_weights', w));
  const opts: HeatmapOptions = {
      output: output === 'stdout' ? 'stdout' : 'raw',
      resol: resol
        ? [wholeNumber('--resol', resol[0], 1), wholeNumber('--resol', resol[1], 1)]
        : undefined,
      ranges: rangeRequest(args),
      absTime: Boolean(args.abs_time),
      absAddr: Boolean(args.abs_addr),
      dfPassed: Boolean(args.df_passed),
      sortTemperature: Boolean(args.sort_temperature),
      temperatureWeights: { frequency: weights[0], age: weights[1] },
      colorset: chooseColorset(args, ctx),
      skipColorsetExample: Boolean(args.stdout_skip_colorset_example),
  };
  if (output !== 'stdout' && output !== 'raw') {
    await writeHeatmapPictures(records, String(args.output), output, args, opts);
    return 0;
  }
  const resolved = await heatmapReport(records, opts, (text) => ctx.out(text));
  if (args.interactive_edit) {
    const input = stdinLines(ctx);
    try {
      await interactiveEdit(records, resolved, opts, ctx, input.ask);
    } finally {
      input.close();
    }
  }
  return 0;
}

/** Asks a question and gives the answer line; null at the end of input. */
export type AskLine = (prompt: string) => Promise<string | null>;

function stdinLines(ctx: CommandContext): { ask: AskLine; close: () => void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    ask: async (prompt) => {
      ctx.err(prompt);
      const next = await lines.next();
      return next.done ? null : next.value;
    },
    close: () => rl.close(),
  };
}

const EDIT_HELP = [
  'keys: + zoom in, - zoom out (both axes, around the center);',
  '      h / l scroll the address range down / up, j / k scroll the time range back / forward (10 % each);',
  '      zoom or scroll: pick the axes and a percentage; quit (or q) ends.',
  '',
].join('\n');

const AXES: Record<string, Axis> = { '1': 'time', '2': 'space', '3': 'both' };

/** `--interactive_edit`: redraw the map as the user zooms and scrolls, until quit. */
export async function interactiveEdit(
  records: RecordSource,
  start: ResolvedRanges,
  opts: HeatmapOptions,
  ctx: CommandContext,
  ask: AskLine,
): Promise<void> {
  let view = start;
  for (;;) {
    const answer = await ask('zoom, scroll, quit or help (keys: + - h j k l): ');
    if (answer === null) return;
    const cmd = answer.trim();
    let next: ResolvedRanges | undefined;
    if (cmd === 'quit' || cmd === 'q') return;
    else if (cmd === 'help' || cmd === '') ctx.err(EDIT_HELP);
    else if (cmd === '+') next = zoomView(view, 'both', 90);
    else if (cmd === '-') next = zoomView(view, 'both', 110);
    else if (cmd === 'h') next = scrollView(view, 'space', -10);
    else if (cmd === 'l') next = scrollView(view, 'space', 10);
    else if (cmd === 'j') next = scrollView(view, 'time', -10);
    else if (cmd === 'k') next = scrollView(view, 'time', 10);
    else if (cmd === 'zoom' || cmd === 'scroll') {
      const axis = AXES[(await ask('axes: 1 time, 2 space, 3 both: '))?.trim() ?? ''];
      const pctText = axis ? await ask(cmd === 'zoom' ? 'new size in % of the current one: ' : 'move by % of the span (negative: back): ') : null;
      const pct = Number(pctText);
      if (!axis || pctText === null || pctText.trim() === '' || !Number.isFinite(pct) || (cmd === 'zoom' && pct <= 0)) {
        ctx.err('not understood; nothing changed\n');
      } else {
        next = cmd === 'zoom' ? zoomView(view, axis, pct) : scrollView(view, axis, pct);
      }
    } else {
      ctx.err(`'${cmd}' is not an edit command; 'help' lists them\n`);
    }
    if (!next) continue;
    let text = '';
    try {
      await drawHeatmap(records, next, opts, (t) => {
        text += t;
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      ctx.err(`cannot draw that view (${e.message}); keeping the previous one\n`);
      continue;
    }
    view = next;
    ctx.out(text);
  }
}

const options: OptionSpec[] = [
  {
    flags: ['--output'],
    metavar: '<stdout|raw|file>',
    default: 'stdout',
    help: "where the map goes: 'stdout' draws it in the terminal, 'raw' prints time, address and heat of every pixel, a .pdf/.png/.jpeg/.svg file name makes an image",
  },
  {
    flags: ['--input', '-i'],
    nargs: '+',
    metavar: '<file>',
    default: ['damon.data'],
    completion: 'file',
    help: 'record file(s) to read; the records of several files are drawn together',
  },
  { flags: ['--kdamond_idx'], metavar: '<idx>', help: 'draw the results of this kdamond (default: from the guide)' },
  { flags: ['--context_idx'], metavar: '<idx>', help: 'draw the results of this monitoring context (default: from the guide)' },
  { flags: ['--scheme_idx'], metavar: '<idx>', help: 'draw the snapshots of this scheme (default: from the guide)' },
  { flags: ['--tid'], metavar: '<id>', help: 'draw the results of this monitoring target id (default: from the guide)' },
  {
    flags: ['--resol'],
    nargs: 2,
    metavar: ['<time rows>', '<address columns>'],
    help: 'pixels of the map: rows of time first, then columns of address space (default: 40 80 on the terminal, 500 500 for raw output and pictures)',
  },
  {
    flags: ['--time_range'],
    nargs: '+',
    metavar: '<time>',
    help: "time span to draw: <start> <end> [base], e.g. '0 10s guided'; base is 'guided' (guide start), 'guided_end' or a time added to both (default: the whole record)",
  },
  {
    flags: ['--address_range'],
    nargs: '+',
    append: true,
    metavar: '<address>',
    help: "address range to draw: <start> <end> [base]; base is 'guided' (start of the guided range of the same position) or a number added to both; repeat it for more maps (default: see --draw_range)",
  },
  {
    flags: ['--draw_range'],
    choices: ['hottest', 'all'],
    default: 'hottest',
    metavar: '<hottest|all>',
    help: 'without --address_range, draw only the hottest monitored address range, or one map per range',
  },
  { flags: ['--abs_time'], kind: 'flag', help: 'raw and image output: absolute times instead of offsets from the range start' },
  { flags: ['--abs_addr'], kind: 'flag', help: 'raw and image output: absolute addresses instead of offsets from the range start' },
  { flags: ['--guide'], kind: 'flag', help: 'print the guide (ids, time span, monitored address ranges) in plain numbers and exit' },
  { flags: ['--guide_human'], kind: 'flag', help: 'print the guide with human-friendly numbers and exit' },
  {
    flags: ['--stdout_colorset'],
    choices: COLORSET_NAMES,
    default: 'gray',
    metavar: '<gray|flame|emotion>',
    help: 'colors of the terminal map',
  },
  {
    flags: ['--stdout_skip_colorset_example'],
    kind: 'flag',
    help: 'leave out the legend line of the terminal map (the access_frequency line)',
  },
  NO_COLOR_OPTION,
  { flags: ['--df_passed'], kind: 'flag', help: 'count only the bytes that passed the DAMOS filters of the snapshot (page level view)' },
  {
    flags: ['--sort_temperature'],
    kind: 'flag',
    help: 'lay each snapshot\'s regions out coldest first, so the address axis reads as memory size per temperature',
  },
  {
    flags: ['--temperature_weights'],
    nargs: 2,
    metavar: ['<frequency>', '<age>'],
    default: ['1.0', '1.0'],
    help: 'weights of access frequency and age in the temperature --sort_temperature sorts by',
  },
  { flags: ['--interactive_edit'], kind: 'flag', help: "after drawing, zoom and scroll the map with commands read from the standard input ('help' lists them)" },
];

export const reportHeatmapCommand: CommandSpec = {
  name: 'heatmap',
  summary: 'draw the access heatmap (time by address) of a record',
  description:
    'Draw how often each address range was accessed over time, from a record file. Rows are time (oldest on top), columns are addresses, and each digit is a heat level from 0 (cold) to 9 (hot) relative to the map. Blank cells are places and times the record says nothing about (for example between snapshots). By default it draws the hottest monitored address range over the whole record; --guide shows what ranges there are.',
  examples: [
    'damo report heatmap  # the hottest range of damon.data, in the terminal',
    'damo report heatmap --guide  # which targets, time span and address ranges the record has',
    'damo report heatmap --draw_range all --resol 20 80  # one map per monitored range, 20 rows each',
    "damo report heatmap --time_range 0 10s guided  # only the first ten seconds",
    'damo report heatmap --output raw > heat.txt  # time, address and heat of 500x500 pixels',
    'damo report heatmap --output heatmap.png  # a picture of the same 500x500 pixels (also .svg, .pdf, .jpeg)',
  ],
  options,
  run,
};

/**
 * Options of the older `damo report heats`: the same, plus its `--heatmap FILE`
 * (an image file), which is today's `--output FILE`.
 */
export const reportHeatsOptions: OptionSpec[] = [
  ...options,
  { flags: ['--heatmap'], metavar: '<file>', hidden: false, help: 'older spelling of --output <file>' },
];

/** Maps the older `report heats` arguments onto `report heatmap`'s. */
export function heatsToHeatmapArgs(args: ParsedArgs): ParsedArgs {
  return args.heatmap !== null && args.heatmap !== undefined ? { ...args, output: args.heatmap } : args;
}
