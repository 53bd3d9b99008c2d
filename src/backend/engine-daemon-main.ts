// Process entry of the engine daemon (engine-daemon.ts): `node engine-daemon-main <state dir> <kdamond index>`.
// Started detached by the engine backend; its stderr goes to the kdamond's log file.
import { runEngineDaemon } from './engine-daemon.ts';

const [dir, idxText] = process.argv.slice(2);
if (!dir || !/^\d+$/.test(idxText ?? '')) {
  process.stderr.write('usage: engine-daemon-main <state dir> <kdamond index>\n');
  process.exit(2);
}
try {
  await runEngineDaemon(dir, Number(idxText));
} catch (e) {
  process.stderr.write(`engine daemon failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
