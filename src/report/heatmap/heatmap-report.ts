// `damo report heatmap` as a pure function: records and options in, text out
// (spec/reports.md §7). The CLI reads the files and writes what `emit` gets.
import type { ColorsetName } from '../../base/ansi-colors.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord } from '../../model/record.ts';
import { formatAsciiMap } from './ascii-map.ts';
import { type GuideSource, type RangeRequest, resolveRanges } from './complete-ranges.ts';
import { formatGuide } from './format-guide.ts';
import { type Guide, GuideCollector, GuideHeats, guideIdOf, sameGuideId } from './guide.ts';
import { HeatGrid } from './pixel-grid.ts';
import { emitRawLines } from './raw-lines.ts';
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

/** 'hz' if the records carry monitoring intervals, 'samples' if none does. */
export function heatUnitOf(records: DamonRecord[]): 'hz' | 'samples' {
  const withIntervals = records.filter((r) => r.intervals !== null).length;
  if (withIntervals > 0 && withIntervals < records.length) {
    throw new UserError('some records have monitoring intervals and some do not; a heatmap cannot mix them');
  }
  return withIntervals > 0 ? 'hz' : 'samples';
}

export function computeGuides(records: DamonRecord[]): Guide[] {
  const collector = new GuideCollector();
  for (const record of records) for (const snapshot of record.snapshots) collector.addSnapshot(record, snapshot);
  return collector.guides();
}

/** `--guide` / `--guide_human`: every guide, raw or human numbers. */
export function guideReport(records: DamonRecord[], raw: boolean): string {
  heatUnitOf(records);
  return computeGuides(records)
    .map((g) => formatGuide(g, raw))
    .join('');
}

function recordsGuideSource(records: DamonRecord[]): GuideSource {
  let guides: Guide[] | undefined;
  return {
    guides: () => (guides ??= computeGuides(records)),
    hottest: (guide) => {
      const heats = new GuideHeats(guide);
      for (const record of records) {
        if (!sameGuideId(guideIdOf(record), guide)) continue;
        for (const snapshot of record.snapshots) heats.addSnapshot(record, snapshot);
      }
      const best = heats.hottest();
      return [best.start, best.end];
    },
  };
}

/** Draws one map per address range and hands each map's text to `emit`. */
export function heatmapReport(records: DamonRecord[], opts: HeatmapOptions, emit: (text: string) => void): void {
  const heatUnit = heatUnitOf(records);
  const resolved = resolveRanges(opts.ranges, recordsGuideSource(records));
  const selected = records.filter((r) => sameGuideId(guideIdOf(r), resolved.id));
  const [rows, cols] = opts.resol ?? (opts.output === 'stdout' ? [40, 80] : [500, 500]);
  for (const addrRange of resolved.addressRanges) {
    const grid = new HeatGrid({ timeRange: resolved.timeRange, addrRange, rows, cols, dfPassed: opts.dfPassed });
    for (const record of selected) {
      for (const snapshot of record.snapshots) {
        const snap = opts.sortTemperature
          ? sortSnapshotByTemperature(record, snapshot, addrRange, opts.temperatureWeights)
          : snapshot;
        grid.addSnapshot(record, snap);
      }
    }
    if (opts.output === 'raw') {
      emitRawLines(grid, { absTime: opts.absTime, absAddr: opts.absAddr }, emit);
    } else {
      emit(
        formatAsciiMap(grid, {
          colorset: opts.colorset,
          skipColorsetExample: opts.skipColorsetExample,
          heatUnit,
        }),
      );
    }
  }
}
