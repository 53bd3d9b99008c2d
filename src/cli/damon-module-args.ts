// What `damo reclaim`, `damo lru_sort` and `damo module` share: options that map to DAMON
// module parameter files (spec/control.md §1.8; parameter names are the kernel's), the
// status listing, and the enable/disable/commit actions over src/kernel/damon-module-params.ts.
import { pyD } from '../base/py-format.ts';
import { type PyNum, ULONG_MAX, pyInt } from '../base/py-num.ts';
import { textToBytes, textToMs, textToNr, textToPermil, textToUs } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';
import {
  type HandshakeDeps,
  commitModuleInputs,
  disableModule,
  enableModule,
  readModuleParams,
  writeModuleParams,
} from '../kernel/damon-module-params.ts';
import type { Fs } from '../kernel/fs.ts';
import type { CommandContext, OptionSpec, ParsedArgs } from './option-table.ts';

type Parse = (text: string) => PyNum;

/** One option: its values, in order, go to these parameter files, each read with its unit. */
export interface ParamOption {
  option: OptionSpec;
  params: { name: string; parse: Parse }[];
}

const us: Parse = textToUs;
const ms: Parse = textToMs;
const nr: Parse = textToNr;
const permil: Parse = textToPermil;
const bytes: Parse = (t) => textToBytes(t);

function opt(flag: string, metavar: string[], help: string, params: [string, Parse][]): ParamOption {
  return {
    option: { flags: [flag], nargs: metavar.length === 1 ? undefined : metavar.length, metavar: metavar.length === 1 ? metavar[0] : metavar, help },
    params: params.map(([name, parse]) => ({ name, parse })),
  };
}

export const WMARKS_OPTION = opt(
  '--wmarks',
  ['<check interval (us)>', '<high (permil)>', '<mid (permil)>', '<low (permil)>'],
  'watermarks: how often to check free memory, and the free-memory rates that pause (above high) or stop (below low) the module',
  [
    ['wmarks_interval', us],
    ['wmarks_high', permil],
    ['wmarks_mid', permil],
    ['wmarks_low', permil],
  ],
);
export const MONITOR_INTERVALS_OPTION = opt('--monitor_intervals', ['<sample (us)>', '<aggregate (us)>'], 'sampling and aggregation intervals', [
  ['sample_interval', us],
  ['aggr_interval', us],
]);
export const NR_REGIONS_OPTION = opt('--nr_regions', ['<min>', '<max>'], 'minimum and maximum number of monitoring regions', [
  ['min_nr_regions', nr],
  ['max_nr_regions', nr],
]);
export const MONITOR_REGION_OPTION = opt('--monitor_region', ['<start>', '<end>'], 'physical address range to work on (default: the biggest System RAM block)', [
  ['monitor_region_start', nr],
  ['monitor_region_end', nr],
]);

export const RECLAIM_PARAM_OPTIONS: ParamOption[] = [
  opt('--min_age', ['<microseconds>'], 'reclaim memory regions not accessed for at least this long', [['min_age', us]]),
  opt('--quota', ['<time (ms)>', '<size (bytes)>', '<reset interval (ms)>'], 'at most this much CPU time and memory size per reset interval', [
    ['quota_ms', ms],
    ['quota_sz', bytes],
    ['quota_reset_interval_ms', ms],
  ]),
  WMARKS_OPTION,
  MONITOR_INTERVALS_OPTION,
  NR_REGIONS_OPTION,
  MONITOR_REGION_OPTION,
];

export const LRU_SORT_PARAM_OPTIONS: ParamOption[] = [
  opt('--hot_thres_access_freq', ['<permil>'], 'regions accessed at least this often (per mille of the samples) are hot', [['hot_thres_access_freq', permil]]),
  opt('--cold_min_age', ['<microseconds>'], 'regions not accessed for at least this long are cold', [['cold_min_age', us]]),
  opt('--quota', ['<time (ms)>', '<reset interval (ms)>'], 'at most this much CPU time per reset interval', [
    ['quota_ms', ms],
    ['quota_reset_interval_ms', ms],
  ]),
  WMARKS_OPTION,
  MONITOR_INTERVALS_OPTION,
  NR_REGIONS_OPTION,
  MONITOR_REGION_OPTION,
];

function destOfParamOption(p: ParamOption): string {
  return p.option.flags[0].replace(/^-+/, '');
}

/** Parameter writes the given options ask for, in option then value order; units checked first. */
export function paramWrites(args: ParsedArgs, options: ParamOption[]): [string, string][] {
  const out: [string, string][] = [];
  for (const p of options) {
    const v = args[destOfParamOption(p)];
    if (v === null || v === undefined) continue;
    const values = Array.isArray(v) ? (v as string[]) : [v as string];
    p.params.forEach((param, i) => {
      let n: bigint;
      try {
        n = pyInt(param.parse(values[i]));
      } catch {
        throw new UserError(`${p.option.flags[0]}: cannot read '${values[i]}' for ${param.name}`);
      }
      if (n < 0n) throw new UserError(`${p.option.flags[0]}: ${param.name} cannot be negative ('${values[i]}')`);
      out.push([param.name, pyD(n > ULONG_MAX ? ULONG_MAX : n)]);
    });
  }
  return out;
}

export function statusText(fs: Fs, module: string): string {
  return readModuleParams(fs, module)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}

export function handshakeDeps(ctx: CommandContext): HandshakeDeps {
  const t = ctx.env.DAMO_MODULE_TIMEOUT_S;
  let timeoutMs: number | undefined;
  if (t !== undefined && t !== '') {
    const s = Number(t);
    if (!Number.isFinite(s) || s <= 0) throw new UserError(`DAMO_MODULE_TIMEOUT_S='${t}' is not a positive number of seconds`);
    timeoutMs = s * 1000;
  }
  return { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), timeoutMs };
}

export type ModuleAction = 'status' | 'enable' | 'disable' | 'commit';

/** Runs one of reclaim / lru_sort's actions, writing the parameter options first for enable and commit. */
export async function runModuleAction(fs: Fs, module: string, action: ModuleAction, writes: [string, string][], ctx: CommandContext): Promise<number> {
  if (writes.length > 0 && (action === 'status' || action === 'disable'))
    throw new UserError(`parameter options are applied by 'enable' or 'commit', not by '${action}'`);
  const deps = handshakeDeps(ctx);
  switch (action) {
    case 'status':
      ctx.out(statusText(fs, module));
      return 0;
    case 'disable':
      await disableModule(fs, module, deps);
      return 0;
    case 'enable':
      writeModuleParams(fs, module, writes);
      await enableModule(fs, module, deps);
      return 0;
    case 'commit':
      await commitModuleInputs(fs, module, deps, writes);
      return 0;
  }
}
