// Builds the kdamonds parameter tree from the parsed DAMON parameter options of
// spec/control.md §2 (occurrence-indexed contexts / targets / schemes, upstream's
// defaults and count rules). Facts about the machine (System RAM ranges) come in
// through `ParamsEnv` so this stays pure.
import { type PyNum, pyCompare } from '../base/py-num.ts';
import {
  textToBp,
  textToBytes,
  textToMs,
  textToNr,
  textToPercent,
  textToPermil,
  textToUs,
} from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import {
  type Context,
  DAMOS_ACTIONS,
  type Dest,
  type Filter,
  type Kdamond,
  OPS_NAMES,
  type Ops,
  QUOTA_GOAL_METRICS,
  type QuotaGoal,
  type Region,
  type Scheme,
  type Target,
  WATERMARK_METRICS,
  defaultContext,
  defaultKdamond,
  defaultQuota,
  defaultScheme,
  defaultWatermarks,
  isMigrateAction,
} from './damon-params.ts';
import { parseDamosFilterWords } from './damos-filter-words.ts';

export interface ParamsEnv {
  /** The whole System RAM span, for paddr targets without regions. */
  defaultPaddrRegion(): Region;
  /** System RAM of the given NUMA nodes, merged. */
  numaNodeRegions(nodeIds: bigint[]): Region[];
}

type Args = Record<string, unknown>;

function list<T>(args: Args, dest: string): T[] {
  const v = args[dest];
  return Array.isArray(v) ? (v as T[]) : [];
}

function bad(message: string): UserError {
  return new UserError(message);
}

/** Runs a text_to_* parser, naming the option and the value when it fails. */
function parseOpt<T>(option: string, text: string, parse: (t: string) => T): T {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof UserError) throw bad(`${option}: cannot read '${text}' (${e.message})`);
    throw e;
  }
}

function intOpt(option: string, text: string): bigint {
  const v = parseOpt(option, text, textToNr);
  if (typeof v !== 'bigint') throw bad(`${option}: '${text}' is not an integer`);
  return v;
}

function countsOpt(option: string, texts: string[]): number[] {
  return texts.map((t) => {
    const v = intOpt(option, t);
    if (v < 0n) throw bad(`${option}: '${t}' is negative`);
    return Number(v);
  });
}

/** Splits `items` into groups of the given sizes; the sizes must add up. */
function distribute<T>(items: T[], counts: number[], option: string, what: string): T[][] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== items.length) {
    throw bad(`wrong ${option} (${counts.join(' ')}): they add up to ${total} but ${items.length} ${what} are given`);
  }
  const out: T[][] = [];
  let k = 0;
  for (const n of counts) {
    out.push(items.slice(k, k + n));
    k += n;
  }
  return out;
}

function checkRange(option: string, texts: string[], min: PyNum, max: PyNum): void {
  if (pyCompare(min, max) > 0) {
    throw bad(`${option}: min (${texts[0]}) is larger than max (${texts[1]})`);
  }
}

/** `--regions "<start>-<end> ..."` (spec §2.2). */
export function parseRegionsText(text: string): Region[] {
  const regions: Region[] = [];
  for (const word of text.trim().split(/\s+/).filter((w) => w !== '')) {
    const parts = word.split('-');
    if (parts.length !== 2) throw bad(`wrong --regions '${text}': '${word}' is not <start>-<end>`);
    const start = parseOpt('--regions', parts[0], textToBytes);
    const end = parseOpt('--regions', parts[1], textToBytes);
    if (start >= end) throw bad(`wrong --regions '${text}': start of '${word}' is not below its end`);
    regions.push({ start, end });
  }
  const sorted = [...regions].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw bad(`wrong --regions '${text}': regions overlap`);
  }
  return regions;
}

const DAMOS_PER_SCHEME = [
  'damos_sz_region',
  'damos_access_rate',
  'damos_age',
  'damos_apply_interval',
  'damos_quotas',
  'damos_quota_interval',
  'damos_quota_fail_charge_ratio',
  'damos_quota_goal_tuner',
  'damos_wmarks',
  'damos_max_nr_snapshots',
];

const DAMOS_ANY = [
  ...DAMOS_PER_SCHEME,
  'damos_quota_time',
  'damos_quota_space',
  'damos_quota_weights',
  'damos_quota_goal',
  'damos_nr_quota_goals',
  'damos_filter',
  'damos_nr_filters',
];

function checkDamosArgs(args: Args): void {
  const nrActions = list(args, 'damos_action').length;
  if (nrActions === 0) {
    const used = DAMOS_ANY.filter((d) => list(args, d).length > 0);
    if (used.length > 0) {
      throw bad(`'damos_action' not specified while using --damos_* option(s) (--${used.join(', --')})`);
    }
    return;
  }
  for (const d of DAMOS_PER_SCHEME) {
    if (list(args, d).length > nrActions) {
      throw bad(`too much --${d} (${list(args, d).length} given for ${nrActions} --damos_action)`);
    }
  }
  if (list(args, 'damos_quotas').length > 0 && list(args, 'damos_quota_interval').length > 0) {
    throw bad('--damos_quotas and --damos_quota_interval cannot be used together');
  }
}

function parseAction(words: string[], scheme: Scheme): void {
  const [action, ...extra] = words;
  if (!(DAMOS_ACTIONS as readonly string[]).includes(action)) {
    throw bad(`wrong --damos_action '${action}' (it is one of ${DAMOS_ACTIONS.join(', ')})`);
  }
  scheme.action = action;
  if (extra.length === 0) return;
  if (!isMigrateAction(action)) {
    throw bad(`--damos_action ${action} takes no more arguments (got '${extra.join(' ')}')`);
  }
  if (extra.length === 1) {
    scheme.targetNid = Number(intOpt('--damos_action', extra[0]));
    return;
  }
  if (extra.length % 2 !== 0) {
    throw bad(`--damos_action ${action}: destinations are <node id> <weight> pairs (got '${extra.join(' ')}')`);
  }
  const dests: Dest[] = [];
  for (let i = 0; i < extra.length; i += 2) {
    dests.push({ id: Number(intOpt('--damos_action', extra[i])), weight: Number(intOpt('--damos_action', extra[i + 1])) });
  }
  scheme.dests = dests;
}

function parseQuotaGoal(words: string[]): QuotaGoal {
  if (words.length < 2 || words.length > 4) {
    throw bad(`wrong --damos_quota_goal '${words.join(' ')}' (give <metric> <target value> and up to two more words)`);
  }
  const [metric, target, ...optionals] = words;
  const goal: QuotaGoal = { metric, targetValue: 0, currentValue: 0, nid: null, memcgPath: null };
  const opt = '--damos_quota_goal';
  const need = (n: number) => {
    if (optionals.length !== n) {
      throw bad(`wrong --damos_quota_goal '${words.join(' ')}' (${metric} takes ${n} word(s) after the target value)`);
    }
  };
  switch (metric) {
    case 'user_input':
      need(1);
      goal.targetValue = parseOpt(opt, target, textToNr);
      goal.currentValue = parseOpt(opt, optionals[0], textToNr);
      break;
    case 'some_mem_psi_us':
      goal.targetValue = parseOpt(opt, target, textToUs);
      break;
    case 'node_mem_used_bp':
    case 'node_mem_free_bp':
      need(1);
      goal.targetValue = parseOpt(opt, target, textToBp);
      goal.nid = parseOpt(opt, optionals[0], textToNr);
      break;
    case 'node_memcg_used_bp':
    case 'node_memcg_free_bp':
      need(2);
      goal.targetValue = parseOpt(opt, target, textToBp);
      goal.nid = parseOpt(opt, optionals[0], textToNr);
      goal.memcgPath = optionals[1];
      break;
    case 'active_mem_bp':
    case 'inactive_mem_bp':
      goal.targetValue = parseOpt(opt, target, textToBp);
      break;
    case 'node_eligible_mem_bp':
      goal.targetValue = parseOpt(opt, target, textToNr);
      break;
    default:
      throw bad(`unsupported DAMOS quota goal metric '${metric}' (it is one of ${QUOTA_GOAL_METRICS.join(', ')})`);
  }
  return goal;
}

function buildSchemes(args: Args): Scheme[] {
  const actions = list<string[]>(args, 'damos_action');
  if (actions.length === 0) return [];
  const at = <T>(dest: string, i: number): T | undefined => list<T>(args, dest)[i];
  const goals = list<string[]>(args, 'damos_quota_goal').map(parseQuotaGoal);
  const nrGoals = args.damos_nr_quota_goals
    ? countsOpt('--damos_nr_quota_goals', args.damos_nr_quota_goals as string[])
    : null;
  if (nrGoals === null && actions.length > 1 && goals.length > 0) {
    throw bad('--damos_nr_quota_goals is needed when quota goals are given for more than one scheme');
  }
  const goalsOf = distribute(goals, nrGoals ?? [goals.length, ...actions.slice(1).map(() => 0)], '--damos_nr_quota_goals', 'quota goals');
  const filters = parseDamosFilterWords(list<string[]>(args, 'damos_filter'));
  const nrFilters = args.damos_nr_filters ? countsOpt('--damos_nr_filters', args.damos_nr_filters as string[]) : null;
  if (nrFilters === null && actions.length > 1 && filters.length > 0) {
    throw bad('--damos_nr_filters is needed when filters are given for more than one scheme');
  }
  const filtersOf = distribute(
    filters,
    nrFilters ?? [filters.length, ...actions.slice(1).map(() => 0)],
    '--damos_nr_filters',
    'filters',
  );
  if (goalsOf.length !== actions.length) throw bad(`wrong --damos_nr_quota_goals: ${actions.length} schemes need ${actions.length} numbers`);
  if (filtersOf.length !== actions.length) throw bad(`wrong --damos_nr_filters: ${actions.length} schemes need ${actions.length} numbers`);

  return actions.map((words, i) => {
    const s = defaultScheme();
    parseAction(words, s);
    const sz = at<string[]>('damos_sz_region', i) ?? ['min', 'max'];
    const szv = sz.map((t) => parseOpt('--damos_sz_region', t, textToBytes));
    checkRange('--damos_sz_region', sz, szv[0], szv[1]);
    const rate = at<string[]>('damos_access_rate', i) ?? ['min', 'max'];
    const ratev = rate.map((t) => parseOpt('--damos_access_rate', t, textToPercent));
    for (const [k, v] of ratev.entries()) {
      if (pyCompare(v, 0n) < 0) throw bad(`--damos_access_rate: '${rate[k]}' is negative`);
    }
    checkRange('--damos_access_rate', rate, ratev[0], ratev[1]);
    const age = at<string[]>('damos_age', i) ?? ['min', 'max'];
    const agev = age.map((t) => parseOpt('--damos_age', t, textToUs));
    checkRange('--damos_age', age, agev[0], agev[1]);
    s.accessPattern = {
      szBytes: { min: szv[0], max: szv[1] },
      nrAccesses: { min: ratev[0], max: ratev[1] },
      nrAccessesUnit: 'percent',
      age: { min: agev[0], max: agev[1] },
      ageUnit: 'usec',
    };
    const apply = at<string>('damos_apply_interval', i);
    if (apply !== undefined) s.applyIntervalUs = parseOpt('--damos_apply_interval', apply, textToUs);

    s.quotas = defaultQuota();
    const q = at<string[]>('damos_quotas', i);
    let hasReset = false;
    if (q !== undefined) {
      if (q.length > 6) throw bad(`too many --damos_quotas values (${q.join(' ')}); at most 6`);
      const [time, size, reset, ws, wn, wa] = q;
      s.quotas.timeMs = parseOpt('--damos_quotas', time, textToMs);
      if (size !== undefined) s.quotas.szBytes = parseOpt('--damos_quotas', size, textToBytes);
      if (reset !== undefined) {
        s.quotas.resetIntervalMs = parseOpt('--damos_quotas', reset, textToMs);
        hasReset = true;
      }
      if (ws !== undefined) s.quotas.weights.szPermil = parseOpt('--damos_quotas', ws, textToPermil);
      if (wn !== undefined) s.quotas.weights.nrAccessesPermil = parseOpt('--damos_quotas', wn, textToPermil);
      if (wa !== undefined) s.quotas.weights.agePermil = parseOpt('--damos_quotas', wa, textToPermil);
    }
    const qi = at<string>('damos_quota_interval', i);
    if (qi !== undefined) {
      hasReset = true;
      s.quotas.resetIntervalMs = parseOpt('--damos_quota_interval', qi, textToMs);
      const qt = at<string>('damos_quota_time', i);
      const qs = at<string>('damos_quota_space', i);
      const qw = at<string[]>('damos_quota_weights', i) ?? ['1', '1', '1'];
      if (qt !== undefined) s.quotas.timeMs = parseOpt('--damos_quota_time', qt, textToMs);
      if (qs !== undefined) s.quotas.szBytes = parseOpt('--damos_quota_space', qs, textToBytes);
      const w = qw.map((t) => parseOpt('--damos_quota_weights', t, textToPermil));
      s.quotas.weights = { szPermil: w[0], nrAccessesPermil: w[1], agePermil: w[2] };
    }
    const fc = at<string[]>('damos_quota_fail_charge_ratio', i);
    if (fc !== undefined) {
      s.quotas.failChargeNum = parseOpt('--damos_quota_fail_charge_ratio', fc[0], textToNr);
      s.quotas.failChargeDenom = parseOpt('--damos_quota_fail_charge_ratio', fc[1], textToNr);
    }
    s.quotas.goals = goalsOf[i];
    if (s.quotas.goals.length > 0 && !hasReset) {
      throw bad(`'reset_interval_ms' not specified when setting quota goals (scheme ${i}: give it as the third --damos_quotas value)`);
    }
    const tuner = at<string>('damos_quota_goal_tuner', i);
    if (tuner !== undefined) s.quotas.goalTuner = tuner;

    const wm = at<string[]>('damos_wmarks', i);
    if (wm !== undefined) {
      if (!(WATERMARK_METRICS as readonly string[]).includes(wm[0])) {
        throw bad(`wrong --damos_wmarks metric '${wm[0]}' (it is one of ${WATERMARK_METRICS.join(', ')})`);
      }
      s.watermarks = {
        metric: wm[0],
        intervalUs: parseOpt('--damos_wmarks', wm[1], textToUs),
        highPermil: parseOpt('--damos_wmarks', wm[2], textToPermil),
        midPermil: parseOpt('--damos_wmarks', wm[3], textToPermil),
        lowPermil: parseOpt('--damos_wmarks', wm[4], textToPermil),
      };
    } else {
      s.watermarks = defaultWatermarks();
    }
    s.filters = filtersOf[i] as Filter[];
    const mns = at<string>('damos_max_nr_snapshots', i);
    if (mns !== undefined) s.maxNrSnapshots = parseOpt('--damos_max_nr_snapshots', mns, textToNr);
    return s;
  });
}

function nrContextsOf(args: Args): number {
  const dests = [
    'ops',
    'nr_probes',
    'sample',
    'aggr',
    'updr',
    'minr',
    'maxr',
    'monitoring_intervals',
    'monitoring_intervals_goal',
    'monitoring_nr_regions_range',
    'nr_targets',
    'nr_schemes',
  ];
  return Math.max(1, ...dests.map((d) => list(args, d).length));
}

const EXPERIMENTAL = ['exp_ops_use_reports', 'exp_ops_write_only', 'exp_ops_cpus', 'exp_ops_tids', 'probe_filter', 'nr_probe_filters', 'nr_probes'];

function buildContext(args: Args, i: number): Context {
  const at = <T>(dest: string): T | undefined => list<T>(args, dest)[i];
  const ctx = defaultContext();
  const ops = at<string>('ops');
  if (ops !== undefined) ctx.ops = ops as Ops;
  const mi = at<string[]>('monitoring_intervals');
  if (mi !== undefined) {
    const v = mi.map((t) => parseOpt('--monitoring_intervals', t, textToUs));
    ctx.intervals = { ...ctx.intervals, sampleUs: v[0], aggrUs: v[1], opsUpdateUs: v[2] };
  }
  for (const [dest, key] of [
    ['sample', 'sampleUs'],
    ['aggr', 'aggrUs'],
    ['updr', 'opsUpdateUs'],
  ] as const) {
    const t = at<string>(dest);
    if (t !== undefined) ctx.intervals[key] = parseOpt(`--${dest}`, t, textToUs);
  }
  const goal = args.monitoring_intervals_autotune ? ['4%', '3', '5ms', '10s'] : at<string[]>('monitoring_intervals_goal');
  if (goal !== undefined) {
    const o = '--monitoring_intervals_goal';
    ctx.intervals.goal = {
      accessBp: parseOpt(o, goal[0], textToBp),
      aggrs: parseOpt(o, goal[1], textToNr),
      minSampleUs: parseOpt(o, goal[2], textToUs),
      maxSampleUs: parseOpt(o, goal[3], textToUs),
    };
  }
  const nr = at<string[]>('monitoring_nr_regions_range');
  if (nr !== undefined) {
    ctx.nrRegions = {
      min: parseOpt('--monitoring_nr_regions_range', nr[0], textToNr),
      max: parseOpt('--monitoring_nr_regions_range', nr[1], textToNr),
    };
  }
  const minr = at<string>('minr');
  if (minr !== undefined) ctx.nrRegions.min = parseOpt('--minr', minr, textToNr);
  const maxr = at<string>('maxr');
  if (maxr !== undefined) ctx.nrRegions.max = parseOpt('--maxr', maxr, textToNr);
  if (pyCompare(ctx.nrRegions.min, 1n) < 0 || pyCompare(ctx.nrRegions.min, ctx.nrRegions.max) > 0) {
    throw bad(`wrong monitoring regions range [${ctx.nrRegions.min}, ${ctx.nrRegions.max}]: need 1 <= min <= max`);
  }
  const unit = at<string>('damon_addr_unit');
  if (unit !== undefined) ctx.addrUnit = parseOpt('--damon_addr_unit', unit, textToBytes);
  const prims = at<string[]>('sample_primitives');
  if (prims !== undefined) {
    for (const p of prims) {
      if (p !== 'page_table' && p !== 'page_fault') {
        throw bad(`wrong --sample_primitives '${p}' (it is page_table or page_fault)`);
      }
    }
    ctx.sampleControl.primitivesEnabled = { pageTable: prims.includes('page_table'), pageFault: prims.includes('page_fault') };
  }
  return ctx;
}

/** The kdamonds the options describe (no deducible target: the caller folds it in first). */
export function kdamondsFromOptions(args: Args, env: ParamsEnv): Kdamond[] {
  for (const d of EXPERIMENTAL) {
    if (list(args, d).length > 0) {
      throw bad(`--${d} is for experimental kernels (damon/next) that this damo does not drive`);
    }
  }
  checkDamosArgs(args);
  const nrCtxs = nrContextsOf(args);
  const ctxs: Context[] = [];
  for (let i = 0; i < nrCtxs; i++) ctxs.push(buildContext(args, i));

  // Targets, then shared out to contexts.
  const pids = list<string>(args, 'target_pid').map((t) => Number(intOpt('--target_pid', t)));
  const regionTexts = list<string>(args, 'regions');
  const numaNodes = list<string[]>(args, 'numa_node');
  const nrTargetsTotal = Math.max(pids.length, regionTexts.length, numaNodes.length, nrCtxs);
  let nrTargets: number[];
  if (args.nr_targets) nrTargets = countsOpt('--nr_targets', args.nr_targets as string[]);
  else if (nrCtxs > 1) throw bad('--nr_targets is needed when more than one context is given');
  else nrTargets = [nrTargetsTotal];
  const targetIdxs = distribute(
    Array.from({ length: nrTargetsTotal }, (_, k) => k),
    nrTargets,
    '--nr_targets',
    'targets',
  );
  if (targetIdxs.length !== nrCtxs) throw bad(`wrong --nr_targets: ${nrCtxs} contexts need ${nrCtxs} numbers`);
  const obsolete = new Set(list<string>(args, 'obsolete_targets').map((t) => Number(intOpt('--obsolete_targets', t))));

  ctxs.forEach((ctx, ci) => {
    const idxs = targetIdxs[ci];
    if (list(args, 'ops')[ci] === undefined) {
      ctx.ops = idxs.some((k) => pids[k] !== undefined) ? 'vaddr' : 'paddr';
    }
    if (!(OPS_NAMES as readonly string[]).includes(ctx.ops)) throw bad(`wrong --ops '${ctx.ops}'`);
    if (ctx.ops !== 'paddr' && pyCompare(ctx.addrUnit, 1n) !== 0) {
      throw bad('only paddr supports non-one --damon_addr_unit');
    }
    ctx.targets = idxs.map((k): Target => {
      const t: Target = { pid: null, obsolete: obsolete.has(k), regions: [] };
      if (ctx.ops !== 'paddr') {
        t.pid = pids[k] ?? null;
        if (t.pid === null) throw bad(`target ${k} of a ${ctx.ops} context needs a process id (--target_pid)`);
      }
      if (regionTexts[k] !== undefined) t.regions = parseRegionsText(regionTexts[k]);
      else if (numaNodes[k] !== undefined) {
        if (ctx.ops !== 'paddr') throw bad('--numa_node works for paddr targets only');
        t.regions = env.numaNodeRegions(numaNodes[k].map((n) => intOpt('--numa_node', n)));
      } else if (ctx.ops === 'paddr') t.regions = [env.defaultPaddrRegion()];
      return t;
    });
  });
  const paused = list<string>(args, 'pause_ctx').map((t) => Number(intOpt('--pause_ctx', t)));
  for (const p of paused) {
    if (p >= nrCtxs) throw bad(`--pause_ctx ${p}: there are only ${nrCtxs} contexts`);
    ctxs[p].pause = true;
  }

  // Schemes, shared out to contexts.
  const schemes = buildSchemes(args);
  let nrSchemes: number[];
  if (args.nr_schemes) nrSchemes = countsOpt('--nr_schemes', args.nr_schemes as string[]);
  else if (nrCtxs > 1 && schemes.length > 0) throw bad('--nr_schemes is needed when schemes are given for more than one context');
  else nrSchemes = [schemes.length, ...ctxs.slice(1).map(() => 0)];
  const schemesOf = distribute(schemes, nrSchemes, '--nr_schemes', 'schemes');
  if (schemesOf.length !== nrCtxs) throw bad(`wrong --nr_schemes: ${nrCtxs} contexts need ${nrCtxs} numbers`);
  ctxs.forEach((c, ci) => {
    c.schemes = schemesOf[ci];
  });

  // Contexts shared out to kdamonds.
  const nrCtxsPer = args.nr_ctxs ? countsOpt('--nr_ctxs', args.nr_ctxs as string[]) : [nrCtxs];
  const ctxsOf = distribute(ctxs, nrCtxsPer, '--nr_ctxs', 'contexts');
  const refresh = list<string>(args, 'refresh_stat');
  if (refresh.length > ctxsOf.length) throw bad(`too much --refresh_stat (${refresh.length} given for ${ctxsOf.length} kdamonds)`);
  return ctxsOf.map((cs, ki) => {
    const k = defaultKdamond();
    k.contexts = cs;
    if (refresh[ki] !== undefined) k.refreshMs = parseOpt('--refresh_stat', refresh[ki], textToMs);
    return k;
  });
}
