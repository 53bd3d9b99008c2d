// The damo CLI entry: checks Node's version, runs the command line with stdout going
// through the pager (on a terminal only), and exits quietly when a reader such as
// `head` closes the pipe early.
import type { CommandContext } from './option-table.ts';
import { createOutput } from './pager.ts';
import { nodeVersionProblem, runCli } from './run-cli.ts';

const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}

// A closed pipe (e.g. `damo report access | head`) is a normal way to stop reading.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const output = createOutput({
  isTTY: Boolean(process.stdout.isTTY),
  rows: process.stdout.rows,
  env: process.env,
  writeDirect: (text) => {
    process.stdout.write(text);
  },
});

const ctx: CommandContext = {
  out: (text) => output.write(text),
  err: (text) => {
    process.stderr.write(text);
  },
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
};

const code = await runCli(process.argv.slice(2), ctx);
await output.finish();
process.exitCode = code;
