// `damo setup_cli_completion`: hands out our bash completion script. As upstream, by
// default it writes the script to a temporary file and says how to load it; `--print`
// writes it to stdout, `--install` puts it where bash-completion loads it from.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { writeFileAtomicSync } from '../../base/atomic-file.ts';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UserError } from '../../base/user-error.ts';
import { bashCompletionScript } from '../completion-script.ts';
import type { CommandSpec } from '../option-table.ts';

/** bash-completion's per-user folder: `$XDG_DATA_HOME/bash-completion/completions/damo`. */
export function defaultInstallPath(env: NodeJS.ProcessEnv): string {
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(data, 'bash-completion', 'completions', 'damo');
}

function writeAtomically(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new UserError(`cannot write the completion script to ${path} (${(e as Error).message})`);
  }
  writeFileAtomicSync(path, text, 0o644);
}

export const setupCliCompletionCommand: CommandSpec = {
  name: 'setup_cli_completion',
  summary: 'set up bash completion of damo commands and options',
  description:
    'Set up bash completion for damo. Without options, the completion script is written to a temporary file and the way to load it is printed; --print writes the script to stdout, --install saves it where bash-completion finds it.',
  options: [
    { flags: ['--print'], kind: 'flag', help: 'write the completion script to stdout' },
    {
      flags: ['--install'],
      nargs: '?',
      constValue: '',
      metavar: '<file>',
      completion: 'file',
      help: 'save the script for new shells (default file: $XDG_DATA_HOME/bash-completion/completions/damo)',
    },
  ],
  examples: [
    'damo setup_cli_completion',
    'source <(damo setup_cli_completion --print)   # this shell only',
    'damo setup_cli_completion --install          # every new shell',
  ],
  run: (args, ctx) => {
    const script = bashCompletionScript();
    const install = args.install as string | null;
    if (args.print && install !== null) throw new UserError('--print and --install do not go together; pick one');
    if (args.print) {
      ctx.out(script);
      return 0;
    }
    if (install !== null) {
      const path = install === '' ? defaultInstallPath(ctx.env) : install;
      writeAtomically(path, script);
      ctx.out(
        [
          `installed the damo completion script as ${path}`,
          'new bash shells load it if bash-completion is set up; else add this line to ~/.bashrc:',
          `  source ${path}`,
          '',
        ].join('\n'),
      );
      return 0;
    }
    const dir = mkdtempSync(join(tmpdir(), 'damo-completion-'));
    const path = join(dir, 'damo.bash');
    writeAtomically(path, script);
    ctx.out(
      [
        `wrote the damo completion script to ${path}`,
        'load it into this shell with:',
        `  source ${path}`,
        "or keep it for every new shell with 'damo setup_cli_completion --install'",
        '',
      ].join('\n'),
    );
    return 0;
  },
};
