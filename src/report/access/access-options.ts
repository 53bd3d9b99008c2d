// The settled options of `damo report access` (spec/reports.md §6.1), as the
// report functions take them; the CLI turns its strings into this.
import type { Paint } from '../../base/ansi-colors.ts';
import { DEFAULT_TEMPERATURE_WEIGHTS, type TemperatureWeights } from './region-metrics.ts';

export const STYLE_NAMES = [
  'detailed',
  'simple-boxes',
  'temperature-sz-hist',
  'recency-sz-hist',
  'cold-memory-tail',
  'recency-percentiles',
  'idle-time-percentiles',
  'temperature-percentiles',
  'cold',
  'hot',
] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export const SORT_KEYS = ['address', 'access_rate', 'age', 'size', 'temperature'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const BOX_VALUE_NAMES = ['size', 'access_rate', 'age', 'none'] as const;
export type BoxValueName = (typeof BOX_VALUE_NAMES)[number];
export type BoxScale = 'linear' | 'log';

export const FORMAT_AREAS = ['record_head', 'snapshot_head', 'region', 'snapshot_tail', 'record_tail'] as const;
export type FormatArea = (typeof FORMAT_AREAS)[number];
/** A template per area; null means "not set yet", '' means "print nothing". */
export type Templates = Record<FormatArea, string | null>;

export interface FormatAction {
  action: 'set' | 'append';
  area: FormatArea;
  template: string;
}

export interface RegionBoxOptions {
  /** Show a box per region (--region_box). */
  enabled: boolean;
  /** What the box's length, color and height show. */
  values: [BoxValueName, BoxValueName, BoxValueName];
  minMaxLength: [number, number];
  minMaxHeight: [number, number];
  colorset: Paint;
  scales: [BoxScale, BoxScale, BoxScale];
  align: 'left' | 'right';
}

export interface HeatmapOptions {
  width: number;
  colorset: Paint;
  static: boolean;
}

export interface HistogramOptions {
  /** Range bounds as typed ([a, b, c, d] = [a, b), [c, d)); parsed per metric. */
  ranges: string[] | null;
  logscale: boolean;
  cumulate: boolean;
}

export interface AccessReportOptions {
  style: StyleName;
  /** The legacy --format_<area> options. */
  legacyTemplates: Templates;
  /** --format set|append, in command-line order. */
  formatActions: FormatAction[];
  /** A whole format object given as one --format word (JSON text or a JSON file's content). */
  formatObject: Partial<Templates> | null;
  sortBy: SortKey[];
  sortDsc: (SortKey | 'all')[];
  temperatureWeights: TemperatureWeights;
  percentiles: number[];
  histogram: HistogramOptions;
  heatmap: HeatmapOptions;
  regionBox: RegionBoxOptions;
  /** User entries, appended after the defaults; the first match wins. */
  minCharsFor: [string, number][];
  totalSzOnly: boolean;
  raw: boolean;
  /** Live tried_regions_of input: the snapshot tail shows DAMOS stats. */
  liveSchemeStats: boolean;
}

export const DEFAULT_PERCENTILES = [0, 1, 25, 50, 75, 99, 100];

export const DEFAULT_MIN_CHARS: [string, number][] = [
  ['<index>', 3],
  ['<start address>', 12],
  ['<end address>', 11],
  ['<size>', 11],
  ['<access rate>', 5],
  ['<access hz>', 6],
  ['<age>', 13],
  ['<filters passed type>', 10],
];

export function emptyTemplates(): Templates {
  return { record_head: null, snapshot_head: null, region: null, snapshot_tail: null, record_tail: null };
}

export function defaultAccessReportOptions(): AccessReportOptions {
  return {
    style: 'detailed',
    legacyTemplates: emptyTemplates(),
    formatActions: [],
    formatObject: null,
    sortBy: ['address'],
    sortDsc: [],
    temperatureWeights: DEFAULT_TEMPERATURE_WEIGHTS,
    percentiles: DEFAULT_PERCENTILES,
    histogram: { ranges: null, logscale: false, cumulate: false },
    heatmap: { width: 80, colorset: 'gray', static: false },
    regionBox: {
      enabled: false,
      values: ['age', 'access_rate', 'size'],
      minMaxLength: [1, 30],
      minMaxHeight: [1, 5],
      colorset: 'gray',
      scales: ['log', 'linear', 'log'],
      align: 'left',
    },
    minCharsFor: [],
    totalSzOnly: false,
    raw: false,
    liveSchemeStats: false,
  };
}
