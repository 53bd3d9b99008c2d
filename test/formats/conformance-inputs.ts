// Where upstream's report test inputs live (read in place, never copied: common brief
// rule 2), and a helper that skips visibly when they are absent (and fails under CI).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
export const UPSTREAM_INPUTS = resolve(root, '../shared/conformance/upstream-damo-3.3.0/inputs');

export function upstreamInput(name: string): string {
  return join(UPSTREAM_INPUTS, name);
}

/** node:test options: a visible skip when the suite is absent, except under CI. */
export function needsUpstream(): { skip?: string } {
  if (existsSync(UPSTREAM_INPUTS) || process.env.CI) return {};
  return { skip: 'NOTICE: ../shared/conformance is absent; upstream inputs not checked' };
}
