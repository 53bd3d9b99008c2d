// What every `damo record` path shares (spec/records.md §4.1, §4.2, §4.6): checking the
// output options and --snapshot, moving an earlier output aside, and writing a file whole.
import { existsSync, renameSync } from 'node:fs';
import { toFloat } from '../base/py-num.ts';
import { textToSec } from '../base/units.ts';
import { UserError } from '../base/user-error.ts';

export const DO_RECORD_CHOICES = ['access', 'cpu_profile', 'mem_footprint', 'vmas', 'proc_stats', 'damon_trace_events'];
/** Upstream's default minus cpu_profile, which needs perf on a real process. */
export const SIM_DEFAULT_DO_RECORD = ['access', 'mem_footprint', 'vmas', 'proc_stats'];

export function parseOctalPermission(text: string): number {
  const ok = /^[0-7]+$/.test(text.trim());
  const v = ok ? parseInt(text.trim(), 8) : NaN;
  if (!ok || v > 0o777) throw new UserError(`wrong --output permission (${text}) (need an octal mode between 0 and 777)`);
  return v;
}

export function parseSeconds(text: string, option: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new UserError(`${option}: '${text}' is not a positive number of seconds`);
  return v;
}

export function parseSnapshotArgs(v: unknown): { delayUs: number; count: number } | null {
  if (!Array.isArray(v)) return null;
  const [delayText, countText] = v as string[];
  let delaySec: number;
  try {
    delaySec = toFloat(textToSec(delayText));
  } catch {
    throw new UserError(`--snapshot: '${delayText}' is not a time (e.g. 1, 1s, 500ms)`);
  }
  if (!Number.isFinite(delaySec) || delaySec < 0) throw new UserError(`--snapshot: the delay '${delayText}' must not be negative`);
  if (!/^\d+$/.test(countText.trim())) throw new UserError(`--snapshot: the count '${countText}' is not a whole number`);
  return { delayUs: Math.round(delaySec * 1e6), count: Number(countText.trim()) };
}

/**
 * The --do_record list of a recording without perf (the engine's): the default leaves
 * cpu_profile out, and asking for perf-only items is refused with the reason.
 */
export function engineDoRecord(v: unknown, what: string): string[] {
  const doRecord = Array.isArray(v) ? (v as string[]) : SIM_DEFAULT_DO_RECORD;
  for (const w of doRecord)
    if (!DO_RECORD_CHOICES.includes(w)) throw new UserError(`--do_record: '${w}' is not one of ${DO_RECORD_CHOICES.join(', ')}`);
  for (const w of ['cpu_profile', 'damon_trace_events'])
    if (doRecord.includes(w))
      throw new UserError(`--do_record ${w} needs perf tracing of a real kernel; ${what} records access, mem_footprint, vmas and proc_stats`);
  return doRecord;
}

/** Writes a side file or output whole (the shared atomic writer, under the name record's paths use). */
export { writeFileAtomicSync as atomicWrite } from '../base/atomic-file.ts';

/** Upstream keeps an earlier output as `<path>.old` (§4.2). */
export function moveAside(path: string): void {
  if (!existsSync(path)) return;
  try {
    renameSync(path, `${path}.old`);
  } catch (e) {
    throw new UserError(`cannot move the existing ${path} to ${path}.old (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

/**
 * Ctrl+C / SIGTERM end a recording that still saves its outputs; the exit status is then
 * the signal number, as upstream's cleanup exits (§4.2). `detach` removes the handlers.
 */
export function catchStopSignals(ctx: { err(t: string): void }): { signalled(): number | null; detach(): void } {
  let signalled: number | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    signalled = sig === 'SIGINT' ? 2 : 15;
    ctx.err(`\nsignal ${signalled} received\n`);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signalled: () => signalled,
    detach: () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}
