// `damo setup_cli_completion`: print how to set up shell completion for damo.
import { notBuilt } from '../not-built.ts';
import type { CommandSpec } from '../option-table.ts';

export const setupCliCompletionCommand: CommandSpec = notBuilt(
  {
    name: 'setup_cli_completion',
    summary: 'print how to set up shell completion for damo',
    examples: [],
  },
  'damo setup_cli_completion',
);
