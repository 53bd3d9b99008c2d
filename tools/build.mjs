// Bundles the CLI into one ESM file so that `./damo` starts fast (no TS at run time).
// Written to a temporary name and renamed, so a concurrent `./damo` never runs half a file.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const outfile = 'dist/damo.mjs';
// The engine daemon (src/backend/engine-daemon-main.ts) is a second entry: `damo start sim:...`
// runs it as a background process from beside the CLI bundle.
const result = await build({
  entryPoints: {
    damo: 'src/cli/main.ts',
    'engine-daemon': 'src/backend/engine-daemon-main.ts',
    // `damo replay` touches memory in a child process of its own.
    'replay-child': 'src/engine/replay-child-main.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  write: false,
  logLevel: 'warning',
  // CJS dependencies bundled into ESM still call require().
  banner: { js: "import { createRequire as __damoCreateRequire } from 'node:module'; const require = __damoCreateRequire(import.meta.url);" },
});
mkdirSync('dist', { recursive: true });
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
if (!result.outputFiles.some((f) => basename(f.path) === basename(outfile))) throw new Error('no bundle written');
