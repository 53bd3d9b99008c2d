// The shared atomic writer leaves the file whole or untouched and never leaves its
// temporary file behind (issue 15: `args damon --out <dir>` left `.tmp-<pid>`).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { replaceFile, writeFileAtomic, writeFileAtomicSync } from '../../src/base/atomic-file.ts';
import { runDamo } from '../cli/run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'damo-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fresh(name: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  return d;
}

describe('atomic file writing', () => {
  it('writes whole files with the asked mode', async () => {
    const d = fresh('ok');
    writeFileAtomicSync(join(d, 'a'), 'one', 0o600);
    await writeFileAtomic(join(d, 'b'), new Uint8Array([1, 2]));
    assert.equal(readFileSync(join(d, 'a'), 'utf8'), 'one');
    assert.equal(statSync(join(d, 'a')).mode & 0o777, 0o600);
    writeFileAtomicSync(join(d, 'a'), 'two');
    assert.equal(readFileSync(join(d, 'a'), 'utf8'), 'two');
    assert.deepEqual(readdirSync(d).sort(), ['a', 'b']);
  });

  it('removes its temporary file when the target is a directory', async () => {
    const d = fresh('isdir');
    mkdirSync(join(d, 'out'));
    assert.throws(() => writeFileAtomicSync(join(d, 'out'), 'x'), { name: 'UserError', message: /cannot write .*out: it is a directory/ });
    await assert.rejects(writeFileAtomic(join(d, 'out'), 'x'), { name: 'UserError' });
    assert.deepEqual(readdirSync(d), ['out']);
  });

  it('removes its temporary file when filling it fails, and keeps the old file', async () => {
    const d = fresh('fill');
    writeFileSync(join(d, 'f'), 'old');
    await assert.rejects(
      replaceFile(join(d, 'f'), async (tmp) => {
        writeFileSync(tmp, 'half');
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      }),
      { name: 'UserError', message: /no space left/ },
    );
    assert.deepEqual(readdirSync(d), ['f']);
    assert.equal(readFileSync(join(d, 'f'), 'utf8'), 'old');
  });

  it("refuses an empty name with one line", () => {
    assert.throws(() => writeFileAtomicSync('', 'x'), { name: 'UserError', message: "cannot write '': it names no file" });
  });

  for (const [name, out] of [
    ['an empty --out', ''],
    ['a directory --out', 'adir'],
  ] as const) {
    it(`args damon with ${name} fails in one line and leaves nothing behind`, async () => {
      const d = fresh(`args-${out || 'empty'}`);
      if (out) mkdirSync(join(d, out));
      const cwd = process.cwd();
      process.chdir(d);
      try {
        const r = await runDamo(['args', 'damon', '--format', 'json', '--out', out]);
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, /^damo: cannot write [^\n]*\n$/);
      } finally {
        process.chdir(cwd);
      }
      assert.deepEqual(readdirSync(d), out ? [out] : []);
    });
  }
});
