// Runs one damo command line against a context (stdout/stderr writers): parse, run
// the chosen command, turn user errors into one line on stderr with a non-zero exit
// (stack traces only with DAMO_DEBUG=1), and end the output with a newline.
import { UserError } from '../base/user-error.ts';
import { rootCommand } from './command-tree.ts';
import { completionCandidates } from './completion.ts';
import { helpText } from './help-text.ts';
import type { CommandContext } from './option-table.ts';
import { parseCommandLine } from './parse-args.ts';

/** The oldest Node.js this tool runs on (package.json's engines). */
export const MIN_NODE = [20, 19] as const;

/** A one-line complaint when `version` (e.g. '20.18.1') is too old, else undefined. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return undefined;
  return `damo: needs Node.js ${MIN_NODE.join('.')} or later (this is ${version})`;
}

export async function runCli(argv: string[], ctx: CommandContext): Promise<number> {
  // Output always ends with a newline, whatever the command wrote last.
  let last = '';
  const out = ctx.out.bind(ctx);
  const run: CommandContext = {
    ...ctx,
    out: (text) => {
      if (text.length === 0) return;
      last = text[text.length - 1];
      out(text);
    },
  };
  try {
    return await dispatch(argv, run);
  } catch (e) {
    if (ctx.env.DAMO_DEBUG === '1') ctx.err(`${(e as Error)?.stack ?? String(e)}\n`);
    if (e instanceof UserError) {
      const line = e.message.replace(/\s*\n\s*/g, ' ').trim();
      ctx.err(`${line.startsWith('damo') ? '' : 'damo: '}${line}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    ctx.err(`damo: internal error: ${msg.split('\n')[0]} (DAMO_DEBUG=1 shows where)\n`);
    return 70;
  } finally {
    if (last !== '' && last !== '\n') out('\n');
  }
}

async function dispatch(argv: string[], ctx: CommandContext): Promise<number> {
  // The hidden entry the completion script calls: `damo --cli_complete <cword> <words...>`.
  if (argv[0] === '--cli_complete') {
    const candidates = completionCandidates(rootCommand, argv.slice(1), { cwd: process.cwd() });
    if (candidates.length > 0) ctx.out(`${candidates.join('\n')}\n`);
    return 0;
  }
  const { path, args, help } = parseCommandLine(rootCommand, argv);
  const spec = path[path.length - 1];
  if (help || !spec.run) {
    ctx.out(helpText(path));
    return 0;
  }
  const code = await spec.run(args, ctx);
  return typeof code === 'number' ? code : 0;
}
