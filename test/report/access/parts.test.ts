// The pieces of `report access` on small inputs: template substitution, the
// snapshot heatmap's gaps, region box description, sorting, percentile ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAccessReportOptions } from '../../../src/report/access/access-options.ts';
import { percentilesFromArgs } from '../../../src/report/access/percentiles.ts';
import { boxRangesOf, regionBoxDescription } from '../../../src/report/access/region-box.ts';
import { DEFAULT_TEMPERATURE_WEIGHTS, withDerivedUnits } from '../../../src/report/access/region-metrics.ts';
import { pyFloorDiv, snapshotHeatmap } from '../../../src/report/access/snapshot-heatmap.ts';
import { sortRegions } from '../../../src/report/access/sort-regions.ts';
import { applyTemplate } from '../../../src/report/access/template-engine.ts';
import { NO_RECORD_FILTERS, filterRecords } from '../../../src/report/record-filters.ts';
import { INTERVALS_5MS_100MS, plain, region, threeRegionRecord } from './build-record.ts';

test('templates: keywords in list order, padding, literal \\n, unknown words kept, empty is nothing', () => {
  const texts: Record<string, string> = { '<a>': 'x<b>', '<b>': 'BB' };
  const apply = (t: string) => applyTemplate(t, ['<a>', '<b>'], (k) => texts[k], [['<b>', 4]]);
  // <a> is replaced first, and its text is then hit by <b>.
  assert.equal(apply('<a>|<b>|<c>\\nend'), 'xBB  |BB  |<c>\nend');
  assert.equal(apply(''), null);
  assert.equal(apply('plain'), 'plain');
});

test('snapshot heatmap: a wide gap is [...] in dynamic mode, dots when static', () => {
  const regions = [region([0, 4096, 0, 1]), region([40960, 45056, 20, 2])].map((r) =>
    withDerivedUnits(r, INTERVALS_5MS_100MS),
  );
  // idle for 1 aggregation: -(100 ms in us * 100); always accessed: 100 % * 100 + 200,000 * 100.
  const dynamic = snapshotHeatmap(regions, { width: 2, colorset: 'gray', static: false }, DEFAULT_TEMPERATURE_WEIGHTS, false);
  assert.equal(plain(dynamic), '0[...]9\n# min/max temperatures: -10,000,000, 20,010,000, column size: 4.000 KiB');
  const fixed = snapshotHeatmap(regions, { width: 11, colorset: 'gray', static: true }, DEFAULT_TEMPERATURE_WEIGHTS, false);
  assert.equal(plain(fixed), '0.........9\n# min/max temperatures: -10,000,000, 20,010,000, column size: 4.000 KiB');
  assert.equal(snapshotHeatmap([], { width: 80, colorset: 'gray', static: false }, DEFAULT_TEMPERATURE_WEIGHTS, false), 'n/a (no region)');
});

test('Python float floor division', () => {
  assert.equal(pyFloorDiv(7, 2), 3);
  assert.equal(pyFloorDiv(-7, 2), -4);
  assert.equal(pyFloorDiv(40960, 358.4), 114);
});

test('region box description: value ranges over all regions, age range with its trailing space', () => {
  const [rec] = filterRecords([threeRegionRecord()], NO_RECORD_FILTERS);
  const opts = defaultAccessReportOptions().regionBox;
  const text = plain(regionBoxDescription(opts, boxRangesOf([rec]), false));
  assert.equal(
    text,
    [
      '# length: age (represents [0 ns, 500 ms]  with [1, 30] columns in logscale)',
      '# color: access_rate (represents [0 %, 100 %] with [0, 9] number and color (0123456789) in linearscale)',
      '# height: size (represents [4.000 KiB, 16.000 KiB] with [1, 5] rows in logscale)',
    ].join('\n'),
  );
});

test('sorting: one stable sort per key, so the last key decides first', () => {
  const [rec] = filterRecords([threeRegionRecord()], NO_RECORD_FILTERS);
  const regions = rec.snapshots[0].regions;
  const starts = (keys: Parameters<typeof sortRegions>[1], dsc: Parameters<typeof sortRegions>[2] = []) =>
    sortRegions(regions, keys, dsc, DEFAULT_TEMPERATURE_WEIGHTS).map((r) => Number(r.start) / 4096);
  // A starts at page 1, B at 3, C at 7.
  assert.deepEqual(starts(['temperature']), [3, 7, 1]);
  assert.deepEqual(starts(['size', 'access_rate']), [3, 1, 7]);
  assert.deepEqual(starts(['size', 'access_rate'], ['access_rate']), [7, 1, 3]);
  assert.deepEqual(starts(['address'], ['all']), [7, 3, 1]);
});

test('--percentiles_range: up to three numbers are range() arguments, more are a sorted list', () => {
  assert.deepEqual(percentilesFromArgs([5]), [0, 1, 2, 3, 4]);
  assert.deepEqual(percentilesFromArgs([0, 101, 50]), [0, 50, 100]);
  assert.deepEqual(percentilesFromArgs([90, 10, 50, 99]), [10, 50, 90, 99]);
});
