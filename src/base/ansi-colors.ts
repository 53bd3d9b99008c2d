// The 256-color ANSI colorsets upstream damo paints heat levels 0..9 with
// (spec/reports.md §4): gray, flame and emotion, as background/foreground pairs.
export type ColorsetName = 'gray' | 'flame' | 'emotion';
/** A colorset, or 'none' for plain text (NO_COLOR, --no_color). */
export type Paint = ColorsetName | 'none';

export const COLORSET_NAMES: readonly ColorsetName[] = ['gray', 'flame', 'emotion'];
export const MAX_COLOR_LEVEL = 9;

const COLORSETS: Record<ColorsetName, { bg: number[]; fg: number[] }> = {
  gray: {
    bg: [232, 232, 232, 232, 232, 232, 232, 232, 232, 232],
    fg: [237, 239, 241, 243, 245, 247, 249, 251, 253, 255],
  },
  flame: {
    bg: [232, 1, 1, 2, 3, 3, 20, 21, 26, 27],
    fg: [239, 235, 237, 239, 243, 245, 247, 249, 251, 255],
  },
  emotion: {
    bg: [232, 234, 20, 21, 26, 2, 3, 1, 1, 1],
    fg: [239, 235, 237, 239, 243, 245, 247, 249, 251, 255],
  },
};

export const COLOR_END = '\x1b[0m';

export function colorStart(set: Paint, level: number): string {
  if (set === 'none') return '';
  const c = COLORSETS[set];
  return `\x1b[48;5;${c.bg[level]}m\x1b[38;5;${c.fg[level]}m`;
}

export function colored(text: string, set: Paint, level: number): string {
  if (set === 'none') return text;
  return `${colorStart(set, level)}${text}${COLOR_END}`;
}

/** The ten levels as colored digits, for legends. */
export function colorSamples(set: Paint): string {
  if (set === 'none') return '0123456789';
  let s = '';
  for (let level = 0; level <= MAX_COLOR_LEVEL; level++) s += `${colorStart(set, level)}${level}`;
  return s + COLOR_END;
}
