// Test helper: a tracefs emulator in a stand-in folder. mkdir under instances/ fills the
// instance with its files (as tracefs does); `emit` appends trace_pipe lines to every
// instance whose event is enabled and whose tracing_on is 1; removal takes the folder.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_DAMON_EVENTS, Tracefs } from '../../src/kernel/tracefs.ts';

export class FakeTracefs extends Tracefs {
  readonly made: string[] = [];
  readonly removed: string[] = [];

  /** A fresh stand-in at `root` offering `events` (default: all DAMON events damo knows). */
  static create(root: string, events: readonly string[] = KNOWN_DAMON_EVENTS): FakeTracefs {
    mkdirSync(join(root, 'instances'), { recursive: true });
    writeFileSync(join(root, 'available_events'), ['sched:sched_switch', ...events.map((e) => `damon:${e}`)].join('\n') + '\n');
    return new FakeTracefs(root);
  }

  override makeInstance(name: string): void {
    const dir = this.path(`instances/${name}`);
    mkdirSync(dir); // EEXIST as tracefs would
    writeFileSync(join(dir, 'tracing_on'), '1\n');
    writeFileSync(join(dir, 'buffer_size_kb'), '7\n');
    writeFileSync(join(dir, 'trace_pipe'), '');
    for (const e of this.availableDamonEvents()) {
      mkdirSync(join(dir, 'events/damon', e), { recursive: true });
      writeFileSync(join(dir, 'events/damon', e, 'enable'), '0\n');
    }
    this.made.push(name);
  }

  override removeInstance(name: string): void {
    rmSync(this.path(`instances/${name}`), { recursive: true });
    this.removed.push(name);
  }

  instances(): string[] {
    return this.made.filter((n) => existsSync(this.path(`instances/${n}`)));
  }

  /** Appends `event: fields` lines (trace_pipe form, flags column included) where enabled. */
  emit(event: string, fieldLines: string[], tsSec: number, cpu = 1): void {
    for (const name of this.instances()) {
      const dir = this.path(`instances/${name}`);
      const on = readFileSync(join(dir, 'tracing_on'), 'utf8').trim() === '1';
      const enable = join(dir, 'events/damon', event, 'enable');
      if (!on || !existsSync(enable) || readFileSync(enable, 'utf8').trim() !== '1') continue;
      const text = fieldLines.map((f) => `       kdamond.0-4242    [00${cpu}] ..... ${tsSec.toFixed(6)}: ${event}: ${f}\n`).join('');
      appendFileSync(join(dir, 'trace_pipe'), text);
    }
  }
}
