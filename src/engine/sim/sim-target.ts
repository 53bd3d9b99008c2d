// Resolves a `sim:<name>` or `sim:<path>` target to a workload config: a built-in name
// first, else a masim config file.
import { readFileSync } from 'node:fs';
import { UserError } from '../../base/user-error.ts';
import { BUILTIN_WORKLOADS, builtinWorkload } from './builtin-workloads.ts';
import { type MasimConfig, parseMasimConfig } from './masim-config.ts';

export function isSimTarget(text: string): boolean {
  return text.startsWith('sim:');
}

export function loadSimTarget(text: string): MasimConfig {
  const what = text.slice('sim:'.length);
  if (what === '')
    throw new UserError(`'sim:' needs a workload: one of ${Object.keys(BUILTIN_WORKLOADS).join(', ')}, or a masim config file`);
  const builtin = builtinWorkload(what);
  if (builtin) return builtin;
  let body: string;
  try {
    body = readFileSync(what, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${text}: no built-in workload of that name (${Object.keys(BUILTIN_WORKLOADS).join(', ')}) and ` +
        (code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(e)})`),
    );
  }
  return parseMasimConfig(body, what);
}
