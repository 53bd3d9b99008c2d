// The one way damo writes a file a user or another damo reads: into a hidden temporary
// file beside it, then renamed over it, so the file is there whole or not at all; on any
// failure the temporary file is removed and the error is one line naming the path.
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError, writeFailure } from './user-error.ts';

/** A fresh temporary name in `path`'s folder (a rename across file systems would not be atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

function checkName(path: string): void {
  if (path === '' || path.endsWith('/')) throw new UserError(`cannot write '${path}': it names no file`);
}

function failure(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  return writeFailure(path, e) ?? (code ? new UserError(`cannot write ${path} (${code})`) : (e as Error));
}

/**
 * Makes `path` by letting `fill` write the temporary file, then renaming it; `mode`
 * (when given) is set exactly, whatever the umask.
 */
export async function replaceFile(path: string, fill: (tmp: string) => Promise<void>, mode?: number): Promise<void> {
  checkName(path);
  const tmp = tempPathFor(path);
  try {
    await fill(tmp);
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw failure(path, e);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  await replaceFile(path, (tmp) => writeFile(tmp, data, { flag: 'wx', mode: mode ?? 0o666 }), mode);
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode?: number): void {
  checkName(path);
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data, { flag: 'wx', mode: mode ?? 0o666 });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw failure(path, e);
  }
}
