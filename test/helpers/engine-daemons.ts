// Engine daemons a test started: found by their info files in an engine state folder,
// so a failed test can still kill what it left running.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function engineDaemonPids(engineDir: string): number[] {
  if (!existsSync(engineDir)) return [];
  return readdirSync(engineDir)
    .filter((n) => /^kdamond-\d+\.json$/.test(n))
    .map((n) => (JSON.parse(readFileSync(join(engineDir, n), 'utf8')) as { pid: number }).pid);
}

export function killEngineDaemons(engineDir: string): void {
  for (const pid of engineDaemonPids(engineDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
