// The file system DAMON control goes through, injected so nothing but an explicit
// choice reaches /sys: the real tree (or a folder standing in for /sys, given by
// --sysfs_root / DAMO_SYSFS_ROOT), a dry run that logs writes in upstream's
// `--debug_damon` wording (spec/control.md §6.2) instead of doing them, and a logger.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../base/user-error.ts';

/** Paths are logical, as on a real system: '/sys/kernel/mm/damon/admin/kdamonds/0/state'. */
export interface Fs {
  /** The real path a logical one stands for (for messages). */
  shown(path: string): string;
  read(path: string): string;
  write(path: string, value: string): void;
  isFile(path: string): boolean;
  isDir(path: string): boolean;
  list(path: string): string[];
}

export const REAL_SYSFS = '/sys';
export const DAMON_ADMIN = '/sys/kernel/mm/damon/admin';
export const KDAMONDS_DIR = `${DAMON_ADMIN}/kdamonds`;

/** Errors of a write, worded as upstream words them. */
export class SysfsWriteError extends UserError {}
export class SysfsReadError extends UserError {}

function osErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const names: Record<string, [number, string]> = {
    EBUSY: [16, 'Device or resource busy'],
    EINVAL: [22, 'Invalid argument'],
    ENOENT: [2, 'No such file or directory'],
    EACCES: [13, 'Permission denied'],
    EPERM: [1, 'Operation not permitted'],
    ENOMEM: [12, 'Cannot allocate memory'],
  };
  const known = err?.code ? names[err.code] : undefined;
  return known ? `[Errno ${known[0]}] ${known[1]}` : String(err?.message ?? e);
}

/** The real file system, with '/sys' mapped to `root` (a folder standing in for /sys). */
export class RootedFs implements Fs {
  constructor(readonly root: string = REAL_SYSFS) {}
  shown(path: string): string {
    return this.root === REAL_SYSFS ? path : join(this.root, path.replace(/^\/sys\/?/, ''));
  }
  read(path: string): string {
    try {
      return readFileSync(this.shown(path), 'utf8');
    } catch (e) {
      throw new SysfsReadError(`reading ${this.shown(path)} failed (${osErrorText(e)})`);
    }
  }
  write(path: string, value: string): void {
    if (this.root === REAL_SYSFS && process.env.NODE_TEST_CONTEXT !== undefined) {
      // Tests never drive the machine's DAMON: a missing fake root is a test bug.
      throw new Error(`refusing to write ${path} from a test run; use a fake sysfs root`);
    }
    try {
      writeFileSync(this.shown(path), value);
    } catch (e) {
      throw new SysfsWriteError(`writing ${value} to ${this.shown(path)} failed (${osErrorText(e)})`);
    }
  }
  isFile(path: string): boolean {
    try {
      return statSync(this.shown(path)).isFile();
    } catch {
      return false;
    }
  }
  isDir(path: string): boolean {
    try {
      return statSync(this.shown(path)).isDirectory();
    } catch {
      return false;
    }
  }
  list(path: string): string[] {
    try {
      return readdirSync(this.shown(path));
    } catch {
      return [];
    }
  }
}

/** An Fs that hands everything to `inner`; the wrappers below change reads or writes. */
abstract class PassThroughFs implements Fs {
  constructor(readonly inner: Fs) {}
  shown(path: string): string {
    return this.inner.shown(path);
  }
  read(path: string): string {
    return this.inner.read(path);
  }
  write(path: string, value: string): void {
    this.inner.write(path, value);
  }
  isFile(path: string): boolean {
    return this.inner.isFile(path);
  }
  isDir(path: string): boolean {
    return this.inner.isDir(path);
  }
  list(path: string): string[] {
    return this.inner.list(path);
  }
}

/** Reads through `inner`, logs `write '<v>' to '<path>'` instead of writing. */
export class DryRunFs extends PassThroughFs {
  readonly log: string[] = [];
  constructor(
    inner: Fs,
    readonly emit: (line: string) => void = () => {},
  ) {
    super(inner);
  }
  override write(path: string, value: string): void {
    const line = `write '${value.trim()}' to '${this.shown(path)}'`;
    this.log.push(line);
    this.emit(line);
  }
}

/** `--debug_damon`: every read and write is reported as upstream prints them. */
export class LoggingFs extends PassThroughFs {
  constructor(
    inner: Fs,
    readonly emit: (line: string) => void,
  ) {
    super(inner);
  }
  override read(path: string): string {
    const v = this.inner.read(path);
    this.emit(`read '${this.shown(path)}': '${v.trim()}'`);
    return v;
  }
  override write(path: string, value: string): void {
    this.emit(`write '${value.trim()}' to '${this.shown(path)}'`);
    this.inner.write(path, value);
  }
}

export interface FsChoice {
  fs: Fs;
  /** Whether this is the machine's own /sys. */
  real: boolean;
}

/** The Fs for a command: `--sysfs_root` / DAMO_SYSFS_ROOT, else the real /sys (root only). */
export function fsFor(opts: { sysfsRoot?: string | null; env: NodeJS.ProcessEnv; dryRun?: boolean; debug?: boolean; emit: (line: string) => void; needRoot: boolean }): FsChoice {
  const rootArg = opts.sysfsRoot ?? opts.env.DAMO_SYSFS_ROOT ?? null;
  const real = rootArg === null || rootArg === REAL_SYSFS;
  if (!real && !existsSync(rootArg)) throw new UserError(`sysfs root ${rootArg} does not exist`);
  if (real && opts.needRoot && !opts.dryRun && typeof process.geteuid === 'function' && process.geteuid() !== 0) {
    throw new UserError('controlling DAMON needs root (run as root, or give --sysfs_root <dir> for a stand-in tree)');
  }
  let fs: Fs = new RootedFs(real ? REAL_SYSFS : rootArg);
  if (opts.debug) fs = new LoggingFs(fs, opts.emit);
  if (opts.dryRun) fs = new DryRunFs(fs, opts.emit);
  return { fs, real };
}
