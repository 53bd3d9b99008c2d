// Child process for the SIGINT test of record-sim-features.test.ts: a real-time recording
// run in-process through the CLI frame, its exit status the command's.
import { runCli } from '../../src/cli/run-cli.ts';

const code = await runCli(['record', 'sim:stairs', '--real_time', '-o', process.argv[2]], {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: {},
  stdoutIsTTY: false,
});
process.exitCode = code;
