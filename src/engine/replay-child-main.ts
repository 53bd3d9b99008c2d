// Process entry of `damo replay`'s memory toucher (replay-child.ts), started with an IPC channel.
import { runReplayChild } from './replay-child.ts';

if (typeof process.send !== 'function') {
  process.stderr.write('replay-child-main: start me from damo replay (needs an IPC channel)\n');
  process.exit(2);
}
runReplayChild();
