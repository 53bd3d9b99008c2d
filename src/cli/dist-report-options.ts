// Options and `--plot` handling shared by the distribution reports wss, nr_regions
// and footprints (spec/reports.md §3, §9-§11; spellings and defaults are upstream's).
import type { DistSeries } from '../report/dist-series.ts';
import { type DistPlotOptions, distPlotFigure } from '../render/dist-plot-figure.ts';
import type { ImageType } from '../render/encode-figure.ts';
import type { OptionSpec, ParsedArgs } from './option-table.ts';
import { PERCENTILE_RANGE_ARG } from './option-values.ts';
import { pictureTypeOf, writePicture } from './write-picture.ts';

export function inputOption(defaultFile: string, help: string): OptionSpec {
  return { flags: ['--input', '-i'], metavar: '<file>', default: defaultFile, help };
}

export const RANGE_OPTION: OptionSpec = {
  flags: ['--range', '-r'],
  value: PERCENTILE_RANGE_ARG,
  nargs: 3,
  metavar: ['<start>', '<stop>', '<step>'],
  default: ['0', '101', '25'],
  help: 'percentiles to show, as Python range() arguments',
};

export const SORTBY_OPTION: OptionSpec = {
  flags: ['--sortby'],
  choices: ['time', 'size'],
  default: 'size',
  metavar: '<time|size>',
  help: 'order of the values the percentiles are taken from: by size (ascending, the default) or by time',
};

export const PLOT_OPTION: OptionSpec = {
  flags: ['--plot'],
  metavar: '<file>',
  completion: 'file',
  help: 'draw the distribution as a line plot into this picture file (.png, .svg, .pdf or .jpeg) instead of printing it',
};

export const NR_COLS_BAR_OPTION: OptionSpec = {
  flags: ['--nr_cols_bar'],
  value: { kind: 'int', min: 0, max: 10000 },
  metavar: '<columns>',
  default: '59',
  help: 'width of the bar after each percentile; 0 hides it',
};

export const RAW_NUMBER_OPTION: OptionSpec = {
  flags: ['--raw_number'],
  kind: 'flag',
  help: 'print plain byte counts instead of human-readable sizes',
};

/** --input, --range, --sortby and --plot: what every distribution report takes. */
export function distributionOptions(inputDefault: string, inputHelp: string): OptionSpec[] {
  return [inputOption(inputDefault, inputHelp), RANGE_OPTION, SORTBY_OPTION, PLOT_OPTION];
}

/** The distribution options plus the bar width and --raw_number of the byte-count reports. */
export function sizeDistributionOptions(inputDefault: string, inputHelp: string): OptionSpec[] {
  return [...distributionOptions(inputDefault, inputHelp), NR_COLS_BAR_OPTION, RAW_NUMBER_OPTION];
}

export interface PlotTarget {
  path: string;
  type: ImageType;
}

/** The `--plot` file and its type, checked before any input is read; null without --plot. */
export function plotTarget(args: ParsedArgs): PlotTarget | null {
  const path = args.plot;
  if (path === null || path === undefined) return null;
  return { path: String(path), type: pictureTypeOf(String(path), '--plot') };
}

/** Upstream's x axis title: percentiles of sorted values, or of the run time. */
export function plotXTitle(sortBy: 'size' | 'time', printAll = false): string {
  if (printAll) return sortBy === 'time' ? 'snapshot (in time order)' : 'snapshot (sorted by value)';
  return sortBy === 'time' ? 'runtime (percent)' : 'percentile';
}

export async function writeDistPlot(target: PlotTarget, series: DistSeries[], opts: DistPlotOptions): Promise<void> {
  await writePicture(target.path, distPlotFigure(series, opts), target.type);
}

/** Plots byte counts: human units on the y axis, or plain bytes with --raw_number. */
export async function writeSizeDistPlot(
  target: PlotTarget,
  series: DistSeries[],
  what: { title: string; metric: string; raw: boolean; sortBy: 'size' | 'time'; printAll: boolean },
): Promise<void> {
  await writeDistPlot(target, series, {
    title: what.title,
    xTitle: plotXTitle(what.sortBy, what.printAll),
    yTitle: what.raw ? `${what.metric} (bytes)` : what.metric,
    yKind: what.raw ? 'number' : 'size',
  });
}
