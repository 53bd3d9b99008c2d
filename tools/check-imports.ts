// Enforces DESIGN.md's layering: a module may import only from the layers listed
// for its folder (and its own), and viewer code never imports node: modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const allowed: Record<string, string[]> = {
  'src/base': [],
  'src/model': ['src/base'],
  'src/formats': ['src/model', 'src/base'],
  'src/report': ['src/model', 'src/base'],
  'src/render': ['src/report', 'src/model', 'src/base'],
  'src/kernel': ['src/model', 'src/base'],
  'src/engine': ['src/model', 'src/base'],
  'src/backend': ['src/kernel', 'src/engine', 'src/model', 'src/base'],
  'src/cli': ['*'],
  viewer: ['src/model', 'src/formats', 'src/report', 'src/render', 'src/base'],
};

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function layerOf(file: string): string | undefined {
  const rel = relative(root, file);
  return Object.keys(allowed).find((layer) => rel === layer || rel.startsWith(layer + '/'));
}

function* sources(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems: string[] = [];
for (const top of ['src', 'viewer']) {
  for (const file of sources(join(root, top))) {
    const layer = layerOf(file);
    if (!layer) {
      problems.push(`${relative(root, file)}: not in any layer of DESIGN.md`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (layer === 'viewer' && spec.startsWith('node:')) {
        problems.push(`${relative(root, file)}: viewer code imports ${spec}`);
      }
      if (!spec.startsWith('.')) continue;
      const target = layerOf(resolve(dirname(file), spec));
      if (!target || target === layer) continue;
      const ok = allowed[layer];
      if (!ok.includes('*') && !ok.includes(target)) {
        problems.push(`${relative(root, file)}: ${layer} may not import ${target} (${spec})`);
      }
    }
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`check-imports: ${problems.length} layering violation(s)`);
  process.exit(1);
}
