// Test helper: runs a damo command line in-process with captured stdout and stderr.
import { runCli } from '../../src/cli/run-cli.ts';

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export async function runDamo(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
    stdoutIsTTY: false,
  });
  return { code, out, err };
}
