// Which kdamonds this damo started, so that start/tune/stop never take over one that
// belongs to someone else: a small JSON file per user, keyed by the kdamonds
// directory, recording each started index with the kdamond's pid.
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../base/atomic-file.ts';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StartedEntry {
  index: number;
  pid: string;
}

type StoreFile = Record<string, StartedEntry[]>;

export class StartedKdamonds {
  constructor(readonly file: string) {}

  static forEnv(env: NodeJS.ProcessEnv): StartedKdamonds {
    const dir = env.DAMO_STATE_DIR ?? join(env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'), 'damo');
    return new StartedKdamonds(join(dir, 'started-kdamonds.json'));
  }

  private load(): StoreFile {
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as StoreFile) : {};
    } catch {
      return {};
    }
  }

  private save(all: StoreFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomicSync(this.file, `${JSON.stringify(all, null, 4)}\n`);
  }

  entries(tree: string): StartedEntry[] {
    return this.load()[tree] ?? [];
  }

  /** Ours iff we recorded this index and the kdamond still has the pid we saw. */
  isOurs(tree: string, index: number, pid: string): boolean {
    return this.entries(tree).some((e) => e.index === index && e.pid === pid);
  }

  record(tree: string, started: StartedEntry[]): void {
    const all = this.load();
    all[tree] = started;
    this.save(all);
  }

  forget(tree: string, indexes: number[]): void {
    const all = this.load();
    const left = (all[tree] ?? []).filter((e) => !indexes.includes(e.index));
    if (left.length > 0) all[tree] = left;
    else delete all[tree];
    this.save(all);
  }
}
