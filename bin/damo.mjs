#!/usr/bin/env node
// Entry for `npm install -g` / `npx damo`: runs the bundled CLI.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`damo: needs Node.js 20.19 or later (this is ${process.versions.node})\n`);
  process.exit(1);
}
await import('../dist/damo.mjs');
