// `damo report access` text: records -> the record/snapshot/region template tree
// (spec/reports.md §6.3). Records must be filtered (record-filters.ts) first, which
// also fills in the derived units the keywords read.
import { toFloat } from '../../base/py-num.ts';
import { UserError } from '../../base/user-error.ts';
import type { DamonRecord } from '../../model/record.ts';
import { type AccessReportOptions, DEFAULT_MIN_CHARS } from './access-options.ts';
import { RECORD_FORMAT_KEYWORDS, REGION_FORMAT_KEYWORDS, SNAPSHOT_FORMAT_KEYWORDS } from './format-keywords.ts';
import { recordKeywordText } from './record-keywords.ts';
import { type BoxRanges, boxRangesOf, checkBoxValues } from './region-box.ts';
import { regionKeywordText } from './region-keywords.ts';
import { snapshotIntervals } from './region-metrics.ts';
import { snapshotKeywordText } from './snapshot-keywords.ts';
import { sortRegions } from './sort-regions.ts';
import { applyTemplate } from './template-engine.ts';
import { resolveTemplates } from './templates.ts';

const RECORD_KEYWORDS = RECORD_FORMAT_KEYWORDS.map((k) => k.keyword);
const SNAPSHOT_KEYWORDS = SNAPSHOT_FORMAT_KEYWORDS.map((k) => k.keyword);
const REGION_KEYWORDS = REGION_FORMAT_KEYWORDS.map((k) => k.keyword);

export function checkRecordsHaveIntervals(records: DamonRecord[]): void {
  if (records.some((r) => r.intervals === null)) {
    throw new UserError(
      'some records lack the intervals information; only --raw_form and --json can show such records',
    );
  }
}

/** The report text, without a final newline. */
export function accessReportText(records: DamonRecord[], given: AccessReportOptions): string {
  checkRecordsHaveIntervals(records);
  const { templates, opts, compactSnapshots } = resolveTemplates(records, given);
  if (opts.regionBox.enabled || Object.values(templates).some((t) => t.includes('<box>') || t.includes('<region box description>'))) {
    checkBoxValues(opts.regionBox.values);
  }
  let ranges: BoxRanges | null = null;
  const boxRanges = () => (ranges ??= boxRangesOf(records));
  const minChars = [...DEFAULT_MIN_CHARS, ...opts.minCharsFor];
  const items: (string | null)[] = [];
  for (const record of records) {
    const recordText = (t: string) =>
      applyTemplate(t, RECORD_KEYWORDS, (kw) => recordKeywordText(kw, record, templates, opts.raw), minChars);
    items.push(recordText(templates.record_head));
    record.snapshots.forEach((snapshot, sidx) => {
      const env = { record, snapshot, opts, boxRanges };
      const snapshotText = (t: string) =>
        applyTemplate(t, SNAPSHOT_KEYWORDS, (kw) => snapshotKeywordText(kw, env), minChars);
      items.push(snapshotText(templates.snapshot_head));
      if (templates.region !== '') {
        const aggrUs = toFloat(snapshotIntervals(snapshot, record.intervals!)[1]);
        const sorted = sortRegions(snapshot.regions, opts.sortBy, opts.sortDsc, opts.temperatureWeights);
        sorted.forEach((region, index) => {
          const renv = { region, index, aggrUs, opts, boxRanges };
          items.push(applyTemplate(templates.region, REGION_KEYWORDS, (kw) => regionKeywordText(kw, renv), minChars));
        });
      }
      items.push(snapshotText(templates.snapshot_tail));
      if (sidx < record.snapshots.length - 1 && !compactSnapshots) items.push('');
    });
    items.push(recordText(templates.record_tail));
  }
  return items.filter((x): x is string => x !== null).join('\n');
}

