// Every command users can reach has a summary, its own examples in --help, and a run
// function (or subcommands): nothing in the tree is a placeholder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootCommand } from '../../src/cli/command-tree.ts';
import { helpText } from '../../src/cli/help-text.ts';
import type { CommandSpec } from '../../src/cli/option-table.ts';

function* walk(path: CommandSpec[]): Generator<CommandSpec[]> {
  yield path;
  for (const sub of path[path.length - 1].subcommands ?? []) if (!sub.hidden) yield* walk([...path, sub]);
}

test('every visible command has a summary, examples in its help, and something to run', () => {
  let seen = 0;
  for (const path of walk([rootCommand])) {
    const spec = path[path.length - 1];
    const name = path.map((c) => c.name).join(' ');
    seen++;
    assert.ok(spec.summary.trim().length > 0, `${name}: no summary`);
    assert.ok(spec.run || (spec.subcommands?.length ?? 0) > 0, `${name}: nothing to run`);
    assert.ok((spec.examples?.length ?? 0) > 0, `${name}: no example`);
    assert.match(helpText(path), /\nexamples:\n {2}(sudo )?damo /, `${name}: --help shows no example`);
  }
  assert.ok(seen > 40, `only ${seen} commands in the tree`);
});
