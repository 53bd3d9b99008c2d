// The template keywords of `damo report access`, per area, in the order they are
// substituted (spec/reports.md §6.3), with our own one-line explanations; `damo help
// access_format_options <area>_format_keywords` prints these lists.

export interface KeywordHelp {
  keyword: string;
  help: string;
}

export const RECORD_FORMAT_KEYWORDS: readonly KeywordHelp[] = [
  { keyword: '<kdamond index>', help: 'index of the kdamond the record came from' },
  { keyword: '<context index>', help: 'index of the DAMON context the record came from' },
  { keyword: '<scheme index>', help: 'index of the DAMOS scheme whose tried regions made the record' },
  { keyword: '<target id>', help: 'id of the monitoring target' },
  { keyword: '<abs start time>', help: 'absolute time the first snapshot started' },
  { keyword: '<duration>', help: 'time from the start of the first snapshot to the end of the last one' },
  { keyword: '<intervals>', help: 'sampling and aggregation intervals of the monitoring' },
  { keyword: '<intervals goal>', help: 'goal of the monitoring intervals auto-tuning' },
  { keyword: '<data source>', help: 'where the record came from (unknown or damon_stat)' },
  { keyword: '<format strings>', help: 'the five templates this report uses, unsubstituted' },
];

export const SNAPSHOT_FORMAT_KEYWORDS: readonly KeywordHelp[] = [
  { keyword: '<total bytes>', help: 'bytes the snapshot covers' },
  { keyword: '<duration>', help: 'time the snapshot took' },
  { keyword: '<start time>', help: 'start of the snapshot, relative to the start of the record' },
  { keyword: '<end time>', help: 'end of the snapshot, relative to the start of the record' },
  { keyword: '<abs start time>', help: 'absolute start time of the snapshot' },
  { keyword: '<abs end time>', help: 'absolute end time of the snapshot' },
  { keyword: '<number of regions>', help: 'how many regions the snapshot holds' },
  { keyword: '<region box colors>', help: 'the colors region boxes use, from cold to hot' },
  { keyword: '<region box description>', help: 'what the length, color and height of region boxes mean' },
  { keyword: '<temperature-sz histogram>', help: 'bytes of the snapshot by temperature range' },
  { keyword: '<temperature-df-passed-sz histogram>', help: 'bytes that passed DAMOS filters, by temperature range' },
  { keyword: '<recency-sz histogram>', help: 'bytes of the snapshot by idle time range' },
  { keyword: '<recency-df-passed-sz histogram>', help: 'bytes that passed DAMOS filters, by idle time range' },
  { keyword: '<recency percentiles>', help: 'idle time at percentiles of the snapshot bytes' },
  { keyword: '<df-passed recency percentiles>', help: 'idle time at percentiles of the bytes that passed DAMOS filters' },
  { keyword: '<temperature percentiles>', help: 'temperature at percentiles of the snapshot bytes' },
  {
    keyword: '<df-passed temperature percentiles>',
    help: 'temperature at percentiles of the bytes that passed DAMOS filters',
  },
  { keyword: '<heatmap>', help: 'one line heatmap of the snapshot, over addresses, with its scale' },
  { keyword: '<filters passed heatmap>', help: 'the one line heatmap of the bytes that passed DAMOS filters' },
  { keyword: '<filters passed type>', help: 'the DAMOS filters handled by the operations layer' },
  { keyword: '<filters passed bytes>', help: 'bytes that passed the DAMOS filters' },
  { keyword: '<positive access samples ratio>', help: 'share of the access samples that saw an access' },
  { keyword: '<estimated memory bandwidth>', help: 'memory bandwidth estimated from the access counts' },
  {
    keyword: '<filters passed estimated memory bandwidth>',
    help: 'the estimated memory bandwidth of the bytes that passed DAMOS filters',
  },
  { keyword: '<intervals tuning status>', help: 'observed and maximum access events, and the tuned intervals' },
  { keyword: '<damos stats>', help: 'statistics of the DAMOS scheme the snapshot came from' },
  { keyword: '<snapshot intervals>', help: 'sampling and aggregation intervals in effect for the snapshot' },
];

export const REGION_FORMAT_KEYWORDS: readonly KeywordHelp[] = [
  { keyword: '<index>', help: 'position of the region in the snapshot, after sorting' },
  { keyword: '<start address>', help: 'start address of the region' },
  { keyword: '<end address>', help: 'end address of the region' },
  { keyword: '<size>', help: 'size of the region' },
  { keyword: '<access rate>', help: 'access rate of the region, in percent of the maximum' },
  { keyword: '<access hz>', help: 'accesses per second the region saw' },
  { keyword: '<age>', help: 'how long the region has kept its access rate' },
  { keyword: '<temperature>', help: 'hotness score from size, access rate and age' },
  { keyword: '<probe hits>', help: 'hits of the access probes in the region' },
  { keyword: '<filters passed bytes>', help: 'bytes of the region that passed DAMOS filters' },
  { keyword: '<box>', help: 'a box whose length, color and height show the access pattern' },
];

export type KeywordArea = 'record' | 'snapshot' | 'region';

export function formatKeywordsOf(area: KeywordArea): readonly KeywordHelp[] {
  if (area === 'record') return RECORD_FORMAT_KEYWORDS;
  if (area === 'snapshot') return SNAPSHOT_FORMAT_KEYWORDS;
  return REGION_FORMAT_KEYWORDS;
}

/** `<keyword>\n<help>` blocks joined by empty lines, as `damo help access_format_options` shows. */
export function formatKeywordsHelp(area: KeywordArea): string {
  return formatKeywordsOf(area)
    .map((k) => `${k.keyword}\n${k.help}`)
    .join('\n\n');
}
