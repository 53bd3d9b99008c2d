// `report holistic`: a record's heatmaps, working set and memory footprint
// percentiles and hot functions on one page (spec/reports.md §13), short or --long.
// Pure: the CLI reads the files and runs perf, and passes the results in.
import type { ColorsetName } from '../base/ansi-colors.ts';
import { type PyNum, pySub, toFloat } from '../base/py-num.ts';
import { formatSz } from '../base/units.ts';
import type { DamonRecord } from '../model/record.ts';
import { formatDistribution, valueAtPercentile } from './distribution.ts';
import { type FootprintMetric, type FootprintSnapshot, footprintValues } from './footprints.ts';
import { formatGuide } from './heatmap/format-guide.ts';
import { type Guide, contiguousRegions } from './heatmap/guide.ts';
import { computeGuides, drawHeatmap } from './heatmap/heatmap-report.ts';
import { wssDistributions } from './wss.ts';

export interface HolisticOptions {
  long: boolean;
  /** Only the last this many seconds of each guide's time span (damo monitor). */
  lastNSec: number | null;
  colorset: ColorsetName | null;
  /** The hotspot lines to show (already cut), or null when there is no profile to read. */
  hotspot: string[] | null;
}

const PERCENTILES = [0, 25, 50, 75, 100];

function bySize(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Working set sizes as holistic counts them: targets summed; the first 20 skipped when there are over 200 snapshots. */
export function holisticWss(records: readonly DamonRecord[], sortBy: 'size' | 'time'): bigint[] {
  const total = records.reduce((n, r) => n + r.snapshots.length, 0);
  return wssDistributions(records, {
    accThres: 1,
    szThres: 1n,
    workTimeUs: 1n,
    excludeSamples: total > 200 ? 20 : 0,
    sortBy,
    collapseTargets: true,
  })[0].values;
}

function guideTimeRange(g: Guide, lastNSec: number | null): [PyNum, PyNum] {
  if (lastNSec === null) return [g.startTime, g.endTime];
  const from = pySub(g.endTime, BigInt(Math.round(lastNSec * 1e9)));
  return [toFloat(from) > toFloat(g.startTime) ? from : g.startTime, g.endTime];
}

function tidText(g: Guide): string {
  return g.targetId === null ? 'None' : g.targetId.toString();
}

async function heatmaps(records: DamonRecord[], guides: Guide[], opts: HolisticOptions, long: boolean): Promise<string> {
  let out = '';
  for (const g of guides) {
    const ranges = contiguousRegions(g);
    let i = 0;
    await drawHeatmap(
      records,
      { id: g, timeRange: guideTimeRange(g, opts.lastNSec), addressRanges: ranges },
      {
        output: 'stdout',
        resol: long ? [10, 80] : [5, 80],
        ranges: { drawRange: 'all' },
        absTime: false,
        absAddr: false,
        dfPassed: false,
        sortTemperature: false,
        temperatureWeights: { frequency: 100, age: 100 },
        colorset: opts.colorset,
        skipColorsetExample: true,
      },
      (map) => {
        const [s, e] = ranges[i++];
        out += long ? `# target ${tidText(g)}\n# address range ${s}-${e}\n` : `# target ${tidText(g)}, address range ${s}-${e}\n`;
        out += map.endsWith('\n') ? map : `${map}\n`;
      },
    );
  }
  return out;
}

function footprintRows(records: DamonRecord[], footprints: FootprintSnapshot[] | null): [string, bigint[]][] {
  const rows: [string, bigint[]][] = [['wss', holisticWss(records, 'size')]];
  if (footprints !== null) {
    for (const m of ['rss', 'vsz', 'sys_used'] as FootprintMetric[]) rows.push([m, footprintValues(footprints, m).sort(bySize)]);
  }
  return rows;
}

/** The `percentile 0 25 50 75 100` table; each row ends with a space, as upstream's. */
export function formatFootprintTable(rows: readonly [string, readonly bigint[]][]): string {
  let out = `${'percentile'.padStart(10)}${PERCENTILES.map((p) => ` ${String(p).padStart(15)}`).join('')}\n`;
  for (const [name, values] of rows) {
    out += `${name.padStart(10)} `;
    for (const p of PERCENTILES) out += `${(values.length === 0 ? '-' : formatSz(valueAtPercentile(values, p))).padStart(15)} `;
    out += '\n';
  }
  return out;
}

function shortForm(records: DamonRecord[], footprints: FootprintSnapshot[] | null, opts: HolisticOptions, maps: string): string {
  let out = `# Heatmap\n${maps}\n# Memory Footprints Distribution\n${formatFootprintTable(footprintRows(records, footprints))}`;
  if (opts.hotspot !== null) out += `\n# Hotspot functions\n${opts.hotspot.map((l) => `${l}\n`).join('')}`;
  return out;
}

function longDistributions(records: DamonRecord[], footprints: FootprintSnapshot[] | null, sortBy: 'size' | 'time'): string {
  const dist = (metric: string, values: bigint[]) =>
    `${formatDistribution(values, { metric, percentiles: PERCENTILES, printAll: false, format: (v) => formatSz(v), nrColsBar: 59 })}\n`;
  let out = dist('wss', holisticWss(records, sortBy));
  if (footprints !== null) {
    for (const m of ['rss', 'vsz', 'sys_used'] as FootprintMetric[]) {
      const values = footprintValues(footprints, m);
      if (sortBy === 'size') values.sort(bySize);
      out += dist(m, values);
    }
  }
  return out;
}

function section(title: string, underline: string): string {
  return `${title}\n${underline.repeat(title.length)}\n`;
}

function longForm(records: DamonRecord[], footprints: FootprintSnapshot[] | null, opts: HolisticOptions, guides: Guide[], maps: string): string {
  let out = section('Overall recorded access pattern', '=');
  out += guides.map((g) => formatGuide(g, true)).join('');
  out += "# regions above are regions that access pattern recorded\n# you can get this via 'damo record_info', too\n\n";
  out += section('Heatmap', '=');
  out += maps;
  out += "# you can get above via 'damo report heatmap'\n\n";
  out += section('Working Set Size and Memory Footprints Distribution', '=');
  for (const key of ['size', 'time'] as const) {
    out += `${section(`Sorted by ${key}`, '-')}\n${longDistributions(records, footprints, key)}\n`;
  }
  out += "# you can get above via 'damo report wss' and 'damo report footprints'\n";
  if (opts.hotspot !== null) {
    out += `\n${section('Hotspot functions', '=')}\n${opts.hotspot.map((l) => `${l}\n`).join('')}`;
    out += "# you can get above via 'damo report profile'\n";
  }
  return out;
}

/** The whole report, ending with a newline. `footprints` null: no footprint file. */
export async function holisticReport(
  records: DamonRecord[],
  footprints: FootprintSnapshot[] | null,
  opts: HolisticOptions,
): Promise<string> {
  const guides = computeGuides(records);
  const maps = await heatmaps(records, guides, opts, opts.long);
  return opts.long ? longForm(records, footprints, opts, guides, maps) : shortForm(records, footprints, opts, maps);
}

/** Which lines of `perf report --stdio` each form shows (upstream's slices). */
export function hotspotSlice(perfText: string, long: boolean): string[] {
  const lines = perfText.split('\n');
  return long ? lines.slice(0, 30) : lines.slice(5, 21);
}

