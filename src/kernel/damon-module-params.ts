// DAMON kernel modules' parameter files (/sys/module/damon_<m>/parameters) and the
// handshakes upstream's `reclaim` / `lru_sort` use on them (spec/control.md §1.8): enable =
// `enabled` N, wait for `kdamond_pid` -1, `enabled` Y, wait for a pid; commit = `commit_inputs`
// Y, wait until the module has consumed it. Parameter names are the kernel's (admin-guide docs).
import { UserError } from '../base/user-error.ts';
import { DryRunFs, type Fs } from './fs.ts';

export const MODULES_DIR = '/sys/module';

export function moduleParamsDir(module: string): string {
  return `${MODULES_DIR}/damon_${module}/parameters`;
}

/** 'reclaim' for 'damon_reclaim' or 'reclaim'; refuses names that could leave /sys/module. */
export function moduleShortName(name: string): string {
  const short = name.startsWith('damon_') ? name.slice('damon_'.length) : name;
  if (!/^[A-Za-z0-9_]+$/.test(short)) throw new UserError(`'${name}' is not a DAMON module name (e.g. reclaim, lru_sort, stat)`);
  return short;
}

/** The DAMON modules this kernel has (damon_<m> with a parameters folder), by short name. */
export function listDamonModules(fs: Fs): string[] {
  return fs
    .list(MODULES_DIR)
    .filter((n) => n.startsWith('damon_') && fs.isDir(`${MODULES_DIR}/${n}/parameters`))
    .map((n) => n.slice('damon_'.length))
    .sort();
}

export function ensureModule(fs: Fs, module: string): string {
  const dir = moduleParamsDir(module);
  if (!fs.isDir(dir)) {
    const have = listDamonModules(fs);
    throw new UserError(
      `DAMON module damon_${module} is not in this kernel (${fs.shown(dir)} is missing)` +
        (have.length ? `; modules here: ${have.join(', ')}` : '; this kernel has no DAMON module'),
    );
  }
  return dir;
}

/** Every parameter of a module, by name in sorted order, values without the trailing newline. */
export function readModuleParams(fs: Fs, module: string): [string, string][] {
  const dir = ensureModule(fs, module);
  return fs
    .list(dir)
    .filter((n) => fs.isFile(`${dir}/${n}`))
    .sort()
    .map((n) => [n, fs.read(`${dir}/${n}`).replace(/\n$/, '')]);
}

export function readModuleParam(fs: Fs, module: string, param: string): string {
  const dir = ensureModule(fs, module);
  if (!fs.isFile(`${dir}/${param}`)) throw new UserError(`damon_${module} has no parameter '${param}' (${fs.shown(`${dir}/${param}`)} is missing)`);
  return fs.read(`${dir}/${param}`).replace(/\n$/, '');
}

/** Writes parameters in the given order, all checked to exist before the first write. */
export function writeModuleParams(fs: Fs, module: string, params: [string, string][]): void {
  const dir = ensureModule(fs, module);
  for (const [p] of params) {
    if (!/^[A-Za-z0-9_]+$/.test(p) || !fs.isFile(`${dir}/${p}`))
      throw new UserError(`damon_${module} has no parameter '${p}' (${fs.shown(`${dir}/${p}`)} is missing)`);
  }
  for (const [p, v] of params) fs.write(`${dir}/${p}`, v);
}

/** The on/off switch: `enabled` on current kernels, `enable` on some older ones. */
export function enableParamOf(fs: Fs, module: string): string {
  const dir = ensureModule(fs, module);
  if (fs.isFile(`${dir}/enabled`)) return 'enabled';
  if (fs.isFile(`${dir}/enable`)) return 'enable';
  throw new UserError(`damon_${module} has no enabled switch (${fs.shown(`${dir}/enabled`)} is missing)`);
}

export function moduleIsEnabled(fs: Fs, module: string): boolean {
  return readModuleParam(fs, module, enableParamOf(fs, module)).trim() === 'Y';
}

export interface HandshakeDeps {
  sleep(ms: number): Promise<void>;
  /** How long each wait may take (default 10 s). */
  timeoutMs?: number;
  /** Time between polls (default 100 ms). */
  pollMs?: number;
}

async function waitFor(fs: Fs, deps: HandshakeDeps, what: string, done: () => boolean, timeoutMs?: number): Promise<void> {
  if (fs instanceof DryRunFs) return; // nothing was written, so nothing will change
  const limit = timeoutMs ?? deps.timeoutMs ?? 10000;
  const deadline = Date.now() + limit;
  for (;;) {
    if (done()) return;
    if (Date.now() >= deadline) throw new UserError(`${what} did not happen within ${(limit / 1000).toFixed(1)} s`);
    await deps.sleep(deps.pollMs ?? 100);
  }
}

function hasPid(fs: Fs, module: string): boolean {
  return fs.isFile(`${moduleParamsDir(module)}/kdamond_pid`);
}

function pidOf(fs: Fs, module: string): string {
  return readModuleParam(fs, module, 'kdamond_pid').trim();
}

/** Turns the module off and waits for its kdamond to exit (modules without kdamond_pid: no wait). */
export async function disableModule(fs: Fs, module: string, deps: HandshakeDeps): Promise<void> {
  const sw = enableParamOf(fs, module);
  writeModuleParams(fs, module, [[sw, 'N']]);
  if (hasPid(fs, module)) await waitFor(fs, deps, `damon_${module}'s kdamond exit (kdamond_pid reading -1)`, () => pidOf(fs, module) === '-1');
}

/**
 * Turns the module (back) on so it starts from its current parameters: off first, as a
 * running module reads new parameters only on commit, then on, waiting for a kdamond.
 */
export async function enableModule(fs: Fs, module: string, deps: HandshakeDeps): Promise<void> {
  await disableModule(fs, module, deps);
  writeModuleParams(fs, module, [[enableParamOf(fs, module), 'Y']]);
  if (hasPid(fs, module)) await waitFor(fs, deps, `damon_${module}'s kdamond start (kdamond_pid other than -1)`, () => pidOf(fs, module) !== '-1');
}

/**
 * Makes a running module take its parameter files (after writing `writes`, when it can take
 * them): `commit_inputs` Y, then wait until the
 * module resets it. The module looks at it between aggregations and watermark checks, so
 * the wait allows for a few watermark intervals.
 */
export async function commitModuleInputs(fs: Fs, module: string, deps: HandshakeDeps, writes: [string, string][] = []): Promise<void> {
  ensureModule(fs, module);
  if (!fs.isFile(`${moduleParamsDir(module)}/commit_inputs`))
    throw new UserError(`damon_${module} cannot take new parameters while it runs (no commit_inputs: Linux 5.19 or later); use enable to restart it`);
  if (!moduleIsEnabled(fs, module)) throw new UserError(`damon_${module} is not enabled; enable it to apply the parameters`);
  writeModuleParams(fs, module, writes);
  let wmarksUs = 0;
  if (fs.isFile(`${moduleParamsDir(module)}/wmarks_interval`)) wmarksUs = Number(readModuleParam(fs, module, 'wmarks_interval').trim()) || 0;
  writeModuleParams(fs, module, [['commit_inputs', 'Y']]);
  const timeout = Math.max(deps.timeoutMs ?? 10000, (3 * wmarksUs) / 1000);
  await waitFor(fs, deps, `damon_${module}'s taking of the new parameters (commit_inputs reading N)`, () => readModuleParam(fs, module, 'commit_inputs').trim() !== 'Y', timeout);
}
