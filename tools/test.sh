#!/usr/bin/env bash
# The project's test command: type check, layering check, then every test file
# under test/ with node's test runner (Node 20 needs the explicit file list).
set -eu
cd "$(dirname "$0")/.."
node tools/build.mjs
npx --no-install tsc --noEmit -p .
node --import tsx tools/check-imports.ts
mapfile -t files < <(find test -name '*.test.ts' | sort)
if [ $# -gt 0 ]; then files=("$@"); fi
exec node --import tsx --test --test-reporter=spec "${files[@]}"
