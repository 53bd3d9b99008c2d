// Test helper for the DAMON control commands: parses and runs a damo command line
// in-process, capturing stdout/stderr and turning UserErrors into an exit code.
import { UserError } from '../../src/base/user-error.ts';
import { rootCommand } from '../../src/cli/command-tree.ts';
import { parseCommandLine } from '../../src/cli/parse-args.ts';

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export async function runDamoCmd(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const ctx = {
    out: (t: string) => {
      out += t;
    },
    err: (t: string) => {
      err += t;
    },
    env,
    stdoutIsTTY: false,
  };
  try {
    const { path, args } = parseCommandLine(rootCommand, argv);
    const spec = path[path.length - 1];
    const code = await spec.run!(args, ctx);
    return { code: typeof code === 'number' ? code : 0, out, err };
  } catch (e) {
    if (e instanceof UserError) return { code: e.exitCode, out, err: `${err}${e.message}\n` };
    throw e;
  }
}
