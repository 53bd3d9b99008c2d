// `damo version`: the upstream damo version whose commands, options and formats this
// tool follows; scripts compare it, so it is printed bare.
import type { CommandSpec } from '../option-table.ts';

export const DAMO_COMPAT_VERSION = '3.3.0';

export const versionCommand: CommandSpec = {
  name: 'version',
  summary: 'print the upstream damo version this tool is compatible with',
  examples: ['damo version'],
  run: (_args, ctx) => {
    ctx.out(`${DAMO_COMPAT_VERSION}\n`);
  },
};
