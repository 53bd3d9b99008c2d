// The damo CLI entry: parse, run the chosen command, and turn user errors into one
// line on stderr with a non-zero exit (stack traces only with DAMO_DEBUG=1).
import { UserError } from '../base/user-error.ts';
import { rootCommand } from './command-tree.ts';
import { helpText } from './help-text.ts';
import type { CommandContext } from './option-table.ts';
import { parseCommandLine } from './parse-args.ts';

function makeContext(): CommandContext {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}

export async function runCli(argv: string[], ctx: CommandContext = makeContext()): Promise<number> {
  try {
    const { path, args, help } = parseCommandLine(rootCommand, argv);
    const spec = path[path.length - 1];
    if (help || !spec.run) {
      ctx.out(helpText(path));
      return 0;
    }
    const code = await spec.run(args, ctx);
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    if (ctx.env.DAMO_DEBUG === '1') ctx.err(`${(e as Error)?.stack ?? String(e)}\n`);
    if (e instanceof UserError) {
      ctx.err(`${e.message.startsWith('damo') ? '' : 'damo: '}${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    ctx.err(`damo: internal error: ${msg} (DAMO_DEBUG=1 shows where)\n`);
    return 70;
  }
}

// A closed pipe (e.g. `damo report access | head`) is a normal way to stop reading.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
