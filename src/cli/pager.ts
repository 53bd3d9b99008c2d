// Shows long output through a pager when stdout is a terminal, as upstream damo does
// for its long reports (spec/reports.md §1.1): `$PAGER`, else `less -R -X` (upstream's
// `less --RAW-CONTROL-CHARS --no-init`). Never pages when stdout is not a terminal.
// Output is held until it either outgrows the terminal (then the pager starts) or
// the command pauses (then it is written, so slow or repeating commands stream).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface PagerProcess {
  write(text: string): void;
  /** Ends the pager's input and resolves when the pager exits. */
  end(): Promise<void>;
}

export interface OutputOptions {
  isTTY: boolean;
  /** Terminal height; undefined or 0 when unknown (then 24 is assumed). */
  rows: number | undefined;
  env: NodeJS.ProcessEnv;
  writeDirect: (text: string) => void;
  /** Starts a pager; undefined when it cannot. Injected by tests. */
  startPager?: (argv: string[], env: NodeJS.ProcessEnv) => PagerProcess | undefined;
  /** How long short output may wait for more before it is written (ms). */
  holdMs?: number;
}

export interface Output {
  write(text: string): void;
  /** Flushes what is held, or waits for the pager to exit. */
  finish(): Promise<void>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a program like the shell would: a path as is, a bare name in $PATH. */
export function findProgram(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const full = join(dir, name);
    if (isExecutable(full)) return full;
  }
  return undefined;
}

/**
 * The pager command line: `$PAGER` split on blanks (an empty PAGER means no pager),
 * else `less -R -X`. Undefined when the program is not found.
 */
export function pagerCommand(env: NodeJS.ProcessEnv): string[] | undefined {
  const words = env.PAGER !== undefined ? env.PAGER.trim().split(/\s+/).filter(Boolean) : ['less', '-R', '-X'];
  if (words.length === 0) return undefined;
  const program = findProgram(words[0], env);
  return program ? [program, ...words.slice(1)] : undefined;
}

function spawnPager(argv: string[], env: NodeJS.ProcessEnv): PagerProcess | undefined {
  // less shows colors only with -R; give it that when the user's PAGER is bare less.
  const childEnv = { ...env, LESS: env.LESS ?? 'RX' };
  let child;
  try {
    child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'inherit', 'inherit'], env: childEnv });
  } catch {
    return undefined;
  }
  let closed = false;
  // Quitting the pager early closes its input: stop feeding it, that is all.
  child.stdin.on('error', () => {
    closed = true;
  });
  const exited = new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
  // Ctrl+C belongs to the pager while it runs.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  return {
    write: (text) => {
      if (!closed) child.stdin.write(text);
    },
    end: async () => {
      if (!closed) child.stdin.end();
      await exited;
      process.off('SIGINT', ignore);
    },
  };
}

const DEFAULT_ROWS = 24;

export function createOutput(opts: OutputOptions): Output {
  const { writeDirect } = opts;
  if (!opts.isTTY) return { write: writeDirect, finish: async () => {} };
  const rows = opts.rows && opts.rows > 0 ? opts.rows : DEFAULT_ROWS;
  const startPager = opts.startPager ?? spawnPager;
  let mode: 'hold' | 'direct' | 'pager' = 'hold';
  let held = '';
  let newlines = 0;
  let pager: PagerProcess | undefined;
  let timer: NodeJS.Timeout | undefined;

  const flushDirect = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    mode = 'direct';
    if (held) writeDirect(held);
    held = '';
  };
  return {
    write(text) {
      if (mode === 'direct') return writeDirect(text);
      if (mode === 'pager') return pager!.write(text);
      held += text;
      for (const ch of text) if (ch === '\n') newlines++;
      // Longer than the screen (the prompt needs a line too): page it.
      if (newlines >= rows) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        const argv = pagerCommand(opts.env);
        pager = argv ? startPager(argv, opts.env) : undefined;
        if (!pager) return flushDirect();
        mode = 'pager';
        pager.write(held);
        held = '';
        return;
      }
      if (!timer) {
        timer = setTimeout(flushDirect, opts.holdMs ?? 300);
        timer.unref();
      }
    },
    async finish() {
      if (mode === 'hold') flushDirect();
      else if (mode === 'pager') await pager!.end();
    },
  };
}
