// `damo report heatmap` as a pure function: records and options in, text out
// (spec/reports.md §7). The CLI reads the files and writes what `emit` gets.
// Passes over the records: guides (only when a range or id is left to them), the
// hottest range's heats (only for the default --draw_range hottest), then all maps
// at once; each pass can stream.
import type { ColorsetName } from '../../base/ansi-colors.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord } from '../../model/record.ts';
import { formatAsciiMap } from './ascii-map.ts';
import {
  type RangeRequest,
  type ResolvedRanges,
  needsGuides,
  needsHottest,
  pickGuide,
  resolveRanges,
} from './complete-ranges.ts';
import { formatGuide } from './format-guide.ts';
import { type Guide, GuideCollector, GuideHeats, guideIdOf, sameGuideId } from './guide.ts';
import { HeatGrid } from './pixel-grid.ts';
import { emitRawLines } from './raw-lines.ts';
import { type RecordSource, recordsSource } from './record-source.ts';
import { sortSnapshotByTemperature } from './sort-by-temperature.ts';

export interface HeatmapOptions {
  output: 'stdout' | 'raw';
  /** [time rows, address columns]; default 40x80 for stdout, 500x500 for raw. */
  resol?: [number, number];
  ranges: RangeRequest;
  absTime: boolean;
  absAddr: boolean;
  dfPassed: boolean;
  sortTemperature: boolean;
  temperatureWeights: { frequency: number; age: number };
  /** null: no escape codes. */
  colorset: ColorsetName | null;
  skipColorsetExample: boolean;
}

/** Tells whether the records carry monitoring intervals; mixing is an error. */
class IntervalKinds {
  private withIntervals = 0;
  private without = 0;

  add(record: DamonRecord): void {
    if (record.intervals) this.withIntervals++;
    else this.without++;
  }

  /** 'hz' if the records carry intervals, 'samples' if none does. */
  unit(): 'hz' | 'samples' {
    if (this.withIntervals > 0 && this.without > 0) {
      throw new UserError('some records have monitoring intervals and some do not; a heatmap cannot mix them');
    }
    return this.withIntervals > 0 ? 'hz' : 'samples';
  }
}

function asSource(input: RecordSource | DamonRecord[]): RecordSource {
  return Array.isArray(input) ? recordsSource(input) : input;
}

async function collectGuides(source: RecordSource, kinds?: IntervalKinds): Promise<Guide[]> {
  const collector = new GuideCollector();
  await source.visit({
    record: (r) => kinds?.add(r),
    snapshot: (r, s) => collector.addSnapshot(r, s),
  });
  return collector.guides();
}

/** Guides of in-memory records, sorted as upstream sorts them. */
export function computeGuides(records: DamonRecord[]): Guide[] {
  const collector = new GuideCollector();
  for (const record of records) for (const snapshot of record.snapshots) collector.addSnapshot(record, snapshot);
  return collector.guides();
}

/** `--guide` / `--guide_human`: every guide, raw or human numbers. */
export async function guideReport(input: RecordSource | DamonRecord[], raw: boolean): Promise<string> {
  const kinds = new IntervalKinds();
  const guides = await collectGuides(asSource(input), kinds);
  kinds.unit();
  return guides.map((g) => formatGuide(g, raw)).join('');
}

/** Completes the ids and ranges to draw from the guides, with as few passes as needed. */
export async function resolveHeatmapRanges(input: RecordSource | DamonRecord[], req: RangeRequest): Promise<ResolvedRanges> {
  const source = asSource(input);
  if (!needsGuides(req)) return resolveRanges(req);
  const guide = pickGuide(req, await collectGuides(source));
  if (!needsHottest(req)) return resolveRanges(req, guide);
  const heats = new GuideHeats(guide);
  await source.visit({
    snapshot: (r, s) => {
      if (sameGuideId(guideIdOf(r), guide)) heats.addSnapshot(r, s);
    },
  });
  const best = heats.hottest();
  return resolveRanges(req, guide, [best.start, best.end]);
}

/** Draws one map per address range and hands each map's text to `emit`. */
export async function heatmapReport(
  input: RecordSource | DamonRecord[],
  opts: HeatmapOptions,
  emit: (text: string) => void,
): Promise<ResolvedRanges> {
  const source = asSource(input);
  const resolved = await resolveHeatmapRanges(source, opts.ranges);
  await drawHeatmap(source, resolved, opts, emit);
  return resolved;
}

/** The heat grids of resolved ranges, one per address range, and the heat unit. */
export interface HeatGrids {
  grids: HeatGrid[];
  /** 'hz' when the records carry intervals, else 'samples'. */
  heatUnit: 'hz' | 'samples';
}

/**
 * Computes the pixel grids of already resolved ranges in one pass (opts.ranges is
 * not looked at); `rows`/`cols` is the resolution. Image outputs draw these.
 */
export async function computeHeatGrids(
  input: RecordSource | DamonRecord[],
  resolved: ResolvedRanges,
  opts: Pick<HeatmapOptions, 'dfPassed' | 'sortTemperature' | 'temperatureWeights'>,
  [rows, cols]: [number, number],
): Promise<HeatGrids> {
  const source = asSource(input);
  const grids = resolved.addressRanges.map(
    (addrRange) => new HeatGrid({ timeRange: resolved.timeRange, addrRange, rows, cols, dfPassed: opts.dfPassed }),
  );
  const kinds = new IntervalKinds();
  await source.visit({
    record: (r) => kinds.add(r),
    snapshot: (record, snapshot) => {
      if (!sameGuideId(guideIdOf(record), resolved.id)) return;
      grids.forEach((grid, i) => {
        const snap = opts.sortTemperature
          ? sortSnapshotByTemperature(record, snapshot, resolved.addressRanges[i], opts.temperatureWeights)
          : snapshot;
        grid.addSnapshot(record, snap);
      });
    },
  });
  return { grids, heatUnit: kinds.unit() };
}

/** Draws the maps of already resolved ranges (opts.ranges is not looked at). */
export async function drawHeatmap(
  input: RecordSource | DamonRecord[],
  resolved: ResolvedRanges,
  opts: HeatmapOptions,
  emit: (text: string) => void,
): Promise<void> {
  const resol = opts.resol ?? (opts.output === 'stdout' ? [40, 80] : [500, 500]);
  const { grids, heatUnit } = await computeHeatGrids(input, resolved, opts, resol);
  for (const grid of grids) {
    if (opts.output === 'raw') {
      emitRawLines(grid, { absTime: opts.absTime, absAddr: opts.absAddr }, emit);
    } else {
      emit(formatAsciiMap(grid, { colorset: opts.colorset, skipColorsetExample: opts.skipColorsetExample, heatUnit }));
    }
  }
}
