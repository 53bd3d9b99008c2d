// Whether report text may carry ANSI color codes: yes, as upstream always paints, unless
// --no_color is given or NO_COLOR is set to something (no-color.org); our extension.
import type { CommandContext, OptionSpec, ParsedArgs } from './option-table.ts';

export const NO_COLOR_OPTION: OptionSpec = {
  flags: ['--no_color'],
  kind: 'flag',
  help: 'plain text without color codes (also when the NO_COLOR environment variable is set); an extension of this damo',
};

export function colorsWanted(args: ParsedArgs, ctx: CommandContext): boolean {
  if (args.no_color) return false;
  return ctx.env.NO_COLOR === undefined || ctx.env.NO_COLOR === '';
}
