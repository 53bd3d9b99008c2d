// Which five templates a `damo report access` run prints with, and the option
// changes its --style implies (spec/reports.md §6.4, in upstream's precedence).
import { type DamonRecord, intervalsGoalEnabled } from '../../model/record.ts';
import { type AccessReportOptions, FORMAT_AREAS, type Templates, emptyTemplates } from './access-options.ts';
import { opsFilters } from './damos-filter-text.ts';

const SNAPSHOT_TIME_LINE = 'snapshot time: [<start time>, <end time>] (<duration>)';
const DEFAULT_REGION = '<index> addr <start address> size <size> access <access hz> age <age>';
const PROBE_HITS_REGION = '<index> <start address> <size>  <access hz> <age> <probe hits> ';

interface RecordFacts {
  multiRecord: boolean;
  multiSnapshot: boolean;
  anyFilters: boolean;
  anyOpsFilters: boolean;
  anyGoal: boolean;
  anyDamonStat: boolean;
  firstRegionHasProbeHits: boolean;
}

function factsOf(records: DamonRecord[]): RecordFacts {
  const firstRegion = records[0]?.snapshots[0]?.regions[0];
  return {
    multiRecord: records.length > 1,
    multiSnapshot: records.some((r) => r.snapshots.length > 1),
    anyFilters: records.some((r) => r.schemeFilters.length > 0),
    anyOpsFilters: records.some((r) => opsFilters(r).length > 0),
    anyGoal: records.some((r) => r.intervals !== null && intervalsGoalEnabled(r.intervals.goal)),
    anyDamonStat: records.some((r) => r.dataSource === 'damon_stat'),
    firstRegionHasProbeHits: (firstRegion?.probeHits.length ?? 0) > 0,
  };
}

function histogramHead(metric: 'temperature' | 'recency', facts: RecordFacts): string {
  const label = metric === 'temperature' ? '<temperature>' : '<idle time (us)>';
  const df = metric === 'temperature' ? '<temperature-df-passed-sz histogram>' : '<recency-df-passed-sz histogram>';
  const total = metric === 'temperature' ? '<temperature-sz histogram>' : '<recency-sz histogram>';
  const lines: string[] = [];
  if (facts.anyOpsFilters) {
    lines.push('# damos filters (df): <filters passed type>', `${label} <df-passed size>`, df, '');
  }
  lines.push(`${label} <total size>`, total);
  return lines.join('\n');
}

function percentilesHead(metric: 'temperature' | 'recency', facts: RecordFacts): string {
  const lines: string[] = [];
  if (facts.multiSnapshot) lines.push(SNAPSHOT_TIME_LINE);
  if (facts.anyOpsFilters) {
    lines.push(
      '# damos filters (df): <filters passed type>',
      `# df-passed ${metric} percentiles`,
      `<df-passed ${metric} percentiles>`,
      '',
    );
  }
  lines.push(`# total ${metric} percentiles`, `<${metric} percentiles>`);
  return lines.join('\n');
}

/** Applies --style: its templates override, and it may reshape boxes and sorting. */
function applyStyle(t: Templates, opts: AccessReportOptions, facts: RecordFacts): void {
  const boxy = () => {
    opts.regionBox = {
      ...opts.regionBox,
      minMaxHeight: [1, 1],
      minMaxLength: [1, 40],
      align: 'right',
      colorset: opts.regionBox.colorset === 'none' ? 'none' : 'emotion',
    };
  };
  switch (opts.style) {
    case 'detailed':
      return;
    case 'simple-boxes':
      t.snapshot_head = SNAPSHOT_TIME_LINE;
      t.region = '<box> size <size> access <access hz> age <age>';
      boxy();
      return;
    case 'cold':
    case 'hot':
      t.region = '<box> <size> access <access hz> <age>';
      boxy();
      opts.sortBy = ['temperature'];
      if (opts.style === 'hot') opts.sortDsc = ['temperature'];
      return;
    case 'temperature-sz-hist':
      t.region = '';
      t.snapshot_head = histogramHead('temperature', facts);
      return;
    case 'recency-sz-hist':
    case 'cold-memory-tail':
      t.region = '';
      t.snapshot_head = histogramHead('recency', facts);
      return;
    case 'recency-percentiles':
    case 'idle-time-percentiles':
      t.region = '';
      t.snapshot_head = percentilesHead('recency', facts);
      return;
    case 'temperature-percentiles':
      t.region = '';
      t.snapshot_head = percentilesHead('temperature', facts);
      return;
  }
}

function applyDefaults(t: Templates, opts: AccessReportOptions, facts: RecordFacts): void {
  if (t.record_head === null) {
    t.record_head = facts.multiRecord
      ? 'kdamond <kdamond index> / context <context index> / scheme <scheme index> / target id <target id> / recorded for <duration> from <abs start time>'
      : '';
  }
  if (t.record_tail === null) {
    const lines = ['record DAMON intervals: <intervals>'];
    if (facts.anyGoal) lines.push('# <intervals goal>');
    if (facts.anyDamonStat) lines.push('# data source: <data source>');
    t.record_tail = lines.join('\n');
  }
  if (t.snapshot_head === null) {
    const lines: string[] = [];
    if (facts.multiSnapshot) lines.push(SNAPSHOT_TIME_LINE);
    lines.push('heatmap: <heatmap>', 'intervals: <snapshot intervals>');
    if (facts.anyFilters) lines.push('# damos filters (df): <filters passed type>', 'df-pass: <filters passed heatmap>');
    t.snapshot_head = lines.join('\n');
  }
  if (t.snapshot_tail === null) {
    t.snapshot_tail = facts.anyFilters
      ? 'memory bw estimate: <estimated memory bandwidth>  df-passed: <filters passed estimated memory bandwidth>\n' +
        'total size: <total bytes>  df-passed <filters passed bytes>'
      : 'memory bw estimate: <estimated memory bandwidth>\ntotal size: <total bytes>';
    if (opts.liveSchemeStats) t.snapshot_tail += '\nscheme stats\n<damos stats>';
  }
  if (opts.regionBox.enabled && !t.snapshot_tail.includes('<region box description>')) {
    // Upstream builds this from the record tail, so the snapshot's own lines are lost; kept as is.
    t.snapshot_tail = `${t.record_tail}\n<region box description>`;
  }
  const baseRegion = facts.firstRegionHasProbeHits ? PROBE_HITS_REGION : DEFAULT_REGION;
  if (opts.regionBox.enabled) {
    t.region = `<box>${opts.regionBox.minMaxHeight[1] > 1 ? '' : '\n'}${baseRegion}`;
  } else if (t.region === null) {
    t.region = facts.anyFilters ? `${baseRegion} df-passed <filters passed bytes>` : baseRegion;
  }
}

export interface ResolvedFormat {
  templates: Record<keyof Templates, string>;
  /** Options after the style's changes (box shape, sorting). */
  opts: AccessReportOptions;
  /** --total_sz_only's exact templates: no blank line between snapshots. */
  compactSnapshots: boolean;
}

export function resolveTemplates(records: DamonRecord[], given: AccessReportOptions): ResolvedFormat {
  const opts: AccessReportOptions = { ...given, regionBox: { ...given.regionBox } };
  const facts = factsOf(records);
  let t: Templates = { ...opts.legacyTemplates };
  // A whole format object replaces every template, the legacy ones included.
  if (opts.formatObject) t = { ...emptyTemplates(), ...opts.formatObject };
  for (const a of opts.formatActions) if (a.action === 'set') t[a.area] = a.template;
  applyStyle(t, opts, facts);
  if (opts.totalSzOnly) {
    t.snapshot_head = '';
    t.region = '';
    t.snapshot_tail = '<total bytes>';
  }
  applyDefaults(t, opts, facts);
  for (const a of opts.formatActions) if (a.action === 'append') t[a.area] = `${t[a.area]}${a.template}`;
  const templates = Object.fromEntries(FORMAT_AREAS.map((a) => [a, t[a] ?? ''])) as Record<keyof Templates, string>;
  const compactSnapshots =
    templates.snapshot_head === '' && templates.region === '' && templates.snapshot_tail === '<total bytes>';
  return { templates, opts, compactSnapshots };
}
