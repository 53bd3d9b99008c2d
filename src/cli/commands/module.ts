// `damo module`: read or write the parameters of any DAMON kernel module (damon_reclaim,
// damon_lru_sort, damon_stat, ...) under /sys/module/damon_<m>/parameters, and turn one on,
// off, or make it take new parameters with the modules' handshakes (spec/control.md §1.8).
import { UserError } from '../../base/user-error.ts';
import { listDamonModules, moduleShortName, readModuleParam, writeModuleParams } from '../../kernel/damon-module-params.ts';
import { kernelFsFor, kernelOptions } from '../damon-kernel-args.ts';
import { type ModuleAction, runModuleAction, statusText } from '../damon-module-args.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

const ACTIONS = ['read', 'write', 'status', 'enable', 'disable', 'commit'];

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const name = args.module as string;
  const action = (args.action as string | null) ?? 'read';
  const words = (args.words as string[] | null) ?? [];
  if (name === 'list') {
    if (args.action !== null || words.length > 0) throw new UserError("'damo module list' takes no more words");
    const fs = kernelFsFor(args, ctx, false);
    const mods = listDamonModules(fs);
    if (mods.length === 0) ctx.err(`no DAMON module in this kernel (nothing like ${fs.shown('/sys/module/damon_reclaim')})\n`);
    ctx.out(mods.map((m) => `${m}\n`).join(''));
    return 0;
  }
  const module = moduleShortName(name);
  const writing = action !== 'read' && action !== 'status';
  const fs = kernelFsFor(args, ctx, writing);
  if (action === 'read') {
    if (words.length === 0) ctx.out(statusText(fs, module));
    else ctx.out(words.map((p) => `${p}: ${readModuleParam(fs, module, p)}\n`).join(''));
    return 0;
  }
  if (action === 'write') {
    if (words.length === 0 || words.length % 2 !== 0) throw new UserError("'write' needs <parameter> <value> pairs");
    const pairs: [string, string][] = [];
    for (let i = 0; i < words.length; i += 2) pairs.push([words[i], words[i + 1]]);
    writeModuleParams(fs, module, pairs);
    return 0;
  }
  if (words.length > 0) throw new UserError(`'${action}' takes no more words (write parameters with 'write <parameter> <value>')`);
  return runModuleAction(fs, module, action as ModuleAction, [], ctx);
}

export const moduleCommand: CommandSpec = {
  name: 'module',
  summary: 'read or write the parameters of DAMON kernel modules',
  description:
    'Work on the parameter files of a DAMON kernel module (reclaim, lru_sort, stat, ...; "list" names those this kernel has). ' +
    'read prints parameters, write sets them as given; enable (re)starts the module on its current parameters, ' +
    'commit makes the running module take them, disable turns it off. damo reclaim and damo lru_sort offer named options for their modules.',
  examples: [
    'damo module list                              # the DAMON modules of this kernel',
    'damo module stat read                         # every parameter of DAMON_STAT',
    'damo module stat read memory_idle_ms_percentiles',
    'damo module stat write enabled Y',
    'damo module reclaim write min_age 30000000 && damo module reclaim commit',
  ],
  positionals: [
    { name: 'module', metavar: '<module>', help: 'module name without its damon_ prefix (reclaim, lru_sort, stat, ...), or list' },
    { name: 'action', nargs: '?', choices: ACTIONS, metavar: `{${ACTIONS.join(',')}}`, help: 'what to do (default: read)' },
    { name: 'words', nargs: '*', metavar: '<parameter> [<value>]', help: 'parameters to read, or parameter value pairs to write' },
  ],
  options: kernelOptions(),
  run,
};
