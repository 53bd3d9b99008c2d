// Template substitution of `damo report access` (spec/reports.md §6.3): each keyword
// of an area, in list order, replaced everywhere by its (padded) text; then the
// two characters backslash-n become newlines. An empty template prints nothing.

/** Right-pads a keyword's text to the first configured minimum width for it. */
export function padToMinChars(keyword: string, text: string, minChars: readonly [string, number][]): string {
  const entry = minChars.find(([k]) => k === keyword);
  return entry ? text.padEnd(entry[1]) : text;
}

/** null for an empty template (its line disappears), else the substituted text. */
export function applyTemplate(
  template: string,
  keywords: readonly string[],
  textOf: (keyword: string) => string,
  minChars: readonly [string, number][],
): string | null {
  if (template === '') return null;
  let out = template;
  for (const kw of keywords) {
    if (!out.includes(kw)) continue;
    out = out.split(kw).join(padToMinChars(kw, textOf(kw), minChars));
  }
  return out.split('\\n').join('\n');
}
