// The DAMON parameter options shared by start, tune, record, schemes and `args damon`
// (spec/control.md §2): spellings, arities and defaults as upstream damo 3.3 has them.
// Help texts are our own. "append" options apply by occurrence: the n-th one goes to
// the n-th context / target / scheme.
import { DAMOS_ACTIONS } from '../model/damon-params.ts';
import type { OptionSpec } from './option-table.ts';

/** Options upstream shows in the short (start/tune/record/schemes) help; the rest are hidden there. */
const SHORT_HELP = new Set([
  'pause_ctx',
  'exp_ops_tids',
  'refresh_stat',
  'damon_addr_unit',
  'monitoring_intervals_autotune',
  'damos_action',
  'damos_quota_goal_tuner',
  'damos_max_nr_snapshots',
  'schemes',
  'kdamonds',
]);

const MONITORING: OptionSpec[] = [
  {
    flags: ['--ops'],
    append: true,
    choices: ['vaddr', 'paddr', 'fvaddr'],
    metavar: '<operations>',
    help: 'operations set of the context (default: vaddr for a process target, paddr otherwise)',
  },
  {
    flags: ['--monitoring_intervals'],
    append: true,
    nargs: 3,
    metavar: ['<sample>', '<aggr>', '<update>'],
    help: 'sampling, aggregation and operations update intervals (default: 5ms 100ms 1s)',
  },
  { flags: ['-s', '--sample'], append: true, metavar: '<time>', hidden: true, help: 'sampling interval' },
  { flags: ['-a', '--aggr'], append: true, metavar: '<time>', hidden: true, help: 'aggregation interval' },
  { flags: ['-u', '--updr'], append: true, metavar: '<time>', hidden: true, help: 'operations update interval' },
  {
    flags: ['--monitoring_intervals_goal'],
    append: true,
    nargs: 4,
    metavar: ['<access_bp>', '<aggrs>', '<min_sample_us>', '<max_sample_us>'],
    help: 'goal for auto-tuning the intervals: wanted access ratio per <aggrs> aggregations, and the sampling interval bounds',
  },
  {
    flags: ['--monitoring_intervals_autotune'],
    kind: 'flag',
    help: 'auto-tune the intervals with the recommended goal (4% 3 5ms 10s)',
  },
  {
    flags: ['--monitoring_nr_regions_range'],
    append: true,
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'minimum and maximum number of monitoring regions (default: 10 1000)',
  },
  { flags: ['-n', '--minr'], append: true, metavar: '<number>', hidden: true, help: 'minimum number of regions' },
  { flags: ['-m', '--maxr'], append: true, metavar: '<number>', hidden: true, help: 'maximum number of regions' },
  {
    flags: ['--sample_primitives'],
    append: true,
    nargs: '+',
    metavar: '<primitive>',
    help: 'access sampling primitives to use: page_table or page_fault (experimental)',
  },
  {
    flags: ['--exp_ops_use_reports'],
    append: true,
    metavar: '<Y|N>',
    help: 'let the operations set use access reports (experimental)',
  },
  {
    flags: ['--exp_ops_write_only'],
    append: true,
    metavar: '<Y|N>',
    help: 'monitor writes only (experimental)',
  },
  {
    flags: ['--exp_ops_cpus'],
    append: true,
    metavar: '<cpus list>',
    help: 'monitor accesses from these CPUs only (experimental)',
  },
  {
    flags: ['--exp_ops_tids'],
    append: true,
    metavar: '<thread ids list>',
    help: 'monitor accesses from these threads only (experimental)',
  },
  {
    flags: ['--probe_filter'],
    append: true,
    nargs: '+',
    metavar: '<word>',
    help: 'access probe filter: <allow|reject> [none] <type> [memcg path] (experimental)',
  },
  {
    flags: ['--nr_probe_filters'],
    nargs: '+',
    metavar: '<number>',
    help: 'number of --probe_filter each probe takes (experimental)',
  },
  { flags: ['--nr_probes'], nargs: '+', metavar: '<number>', help: 'number of probes of each context (experimental)' },
  { flags: ['--pause_ctx'], nargs: '+', value: { kind: 'int', min: 0 },  metavar: '<context index>', help: 'indexes of the contexts to pause' },
  {
    flags: ['--damon_addr_unit'],
    value: { kind: 'size', min: 1 },
    append: true,
    metavar: '<bytes>',
    help: 'bytes one DAMON address stands for (paddr only)',
  },
  {
    flags: ['--refresh_stat'],
    value: { kind: 'time', unit: 'ms', min: 0 },
    append: true,
    metavar: '<milliseconds>',
    help: 'let the kdamond refresh its statistics files this often (0: never)',
  },
  { flags: ['--nr_ctxs'], nargs: '+', value: { kind: 'int', min: 0 },  metavar: '<number>', help: 'number of contexts of each kdamond' },
  { flags: ['--target_pid'], append: true, value: { kind: 'int', min: 1, max: 4194304 }, metavar: '<pid>', help: 'process id of a target to monitor' },
  {
    flags: ['-r', '--regions'],
    append: true,
    metavar: '"<start>-<end> ..."',
    help: 'initial monitoring regions of a target, as space-separated <start>-<end> address pairs',
  },
  {
    flags: ['--numa_node'],
    value: { kind: 'int', min: 0 }, 
    append: true,
    nargs: '+',
    metavar: '<node id>',
    help: 'monitor the System RAM of these NUMA nodes (paddr only)',
  },
  { flags: ['--nr_targets'], nargs: '+', value: { kind: 'int', min: 0 },  metavar: '<number>', help: 'number of targets of each context' },
  {
    flags: ['--obsolete_targets'],
    value: { kind: 'int', min: 0 }, 
    nargs: '+',
    metavar: '<target index>',
    help: 'indexes of targets to mark as obsolete',
  },
];

const DAMOS: OptionSpec[] = [
  {
    flags: ['--damos_action'],
    append: true,
    nargs: '+',
    metavar: '<action>',
    help:
      `action of a new DAMOS scheme: one of ${DAMOS_ACTIONS.join(', ')}. ` +
      'migrate_hot and migrate_cold also take a target node id, or <node id> <weight> pairs',
  },
  {
    flags: ['--damos_sz_region'],
    append: true,
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'size range of regions the scheme acts on',
  },
  {
    flags: ['--damos_access_rate'],
    append: true,
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'access rate range (percent) of regions the scheme acts on',
  },
  {
    flags: ['--damos_age'],
    append: true,
    nargs: 2,
    metavar: ['<min>', '<max>'],
    help: 'age range (time) of regions the scheme acts on',
  },
  {
    flags: ['--damos_apply_interval'],
    append: true,
    metavar: '<time>',
    help: 'how often to apply the scheme (0: every aggregation interval)',
  },
  {
    flags: ['--damos_quotas'],
    append: true,
    nargs: '+',
    metavar: '<quota>',
    help: 'quotas: <time> [<size> [<reset interval> [<size weight> [<access rate weight> [<age weight>]]]]]',
  },
  { flags: ['--damos_quota_interval'], append: true, metavar: '<time>', help: 'quota reset interval' },
  { flags: ['--damos_quota_time'], append: true, metavar: '<time>', help: 'time quota per reset interval' },
  { flags: ['--damos_quota_space'], append: true, metavar: '<bytes>', help: 'size quota per reset interval' },
  {
    flags: ['--damos_quota_weights'],
    append: true,
    nargs: 3,
    metavar: ['<size>', '<access rate>', '<age>'],
    help: 'prioritization weights (permil) under the quota',
  },
  {
    flags: ['--damos_quota_fail_charge_ratio'],
    append: true,
    nargs: 2,
    metavar: ['<numerator>', '<denominator>'],
    help: 'share of the quota charged for failed actions',
  },
  {
    flags: ['--damos_quota_goal'],
    append: true,
    nargs: '+',
    metavar: '<word>',
    help: 'a goal for auto-tuning the quota: <metric> <target value> [<current value> | <node id> [<memcg path>]]',
  },
  {
    flags: ['--damos_nr_quota_goals'],
    nargs: '+',
    metavar: '<number>',
    help: 'number of quota goals of each scheme',
  },
  { flags: ['--damos_quota_goal_tuner'], append: true, help: 'tuner of goal-based quotas (consist or temporal)' },
  {
    flags: ['--damos_filter'],
    append: true,
    nargs: '+',
    metavar: '<word>',
    help: 'a filter: <allow|reject> [none] <type> [type arguments]',
  },
  { flags: ['--damos_nr_filters'], nargs: '+', metavar: '<number>', help: 'number of filters of each scheme' },
  {
    flags: ['--damos_wmarks'],
    append: true,
    nargs: 5,
    metavar: ['<metric>', '<interval>', '<high>', '<mid>', '<low>'],
    help: 'watermarks that turn the scheme on and off',
  },
  { flags: ['--damos_max_nr_snapshots'], append: true, help: 'stop the scheme after this many snapshots (0: never)' },
  { flags: ['--nr_schemes'], nargs: '+', value: { kind: 'int', min: 0 },  metavar: '<number>', help: 'number of schemes of each context' },
  {
    flags: ['-c', '--schemes'],
    metavar: '<json string or file>',
    help: 'DAMOS schemes as a JSON list (text or file)',
  },
  {
    flags: ['--kdamonds'],
    metavar: '<json/yaml string or file>',
    help: "the whole DAMON parameters, as 'damo args damon' prints them (text or file)",
  },
];

/** The hidden legacy interface selector that upstream still accepts. */
export const DAMON_INTERFACE_OPTION: OptionSpec = {
  flags: ['--damon_interface_DEPRECATED'],
  choices: ['sysfs', 'debugfs', 'auto'],
  default: 'auto',
  hidden: true,
  help: 'DAMON interface to use (only sysfs is supported)',
};

export const DEBUG_DAMON_OPTION: OptionSpec = {
  flags: ['--debug_damon'],
  kind: 'flag',
  help: 'log every DAMON sysfs read and write',
};

/**
 * The §2 option group. With `shortHelp`, all but upstream's short-help options are
 * hidden from --help (still accepted), as start/tune/record/schemes show them.
 */
export function damonParamOptions(shortHelp = false): OptionSpec[] {
  return [...MONITORING, ...DAMOS].map((o) => {
    const dest = o.flags.find((f) => f.startsWith('--'))!.slice(2);
    return shortHelp && !SHORT_HELP.has(dest) ? { ...o, hidden: true } : { ...o };
  });
}

/** Monitoring (context/target) options only, for `damo help damon_param_options monitoring`. */
export function monitoringParamOptions(): OptionSpec[] {
  return MONITORING.map((o) => ({ ...o }));
}

/** DAMOS (scheme) options only, for `damo help damon_param_options damos`. */
export function damosParamOptions(): OptionSpec[] {
  return DAMOS.map((o) => ({ ...o }));
}
