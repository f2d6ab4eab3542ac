#!/usr/bin/env node
// CI: no file in src/ over 450 lines, so no module grows back into a room with several callers' reasons to
// change. Generated data (a file whose first lines say it is generated) is exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_LINES = 450;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|js|mjs)$/.test(name) ? [full] : [];
  });
}

const tooLong = [];
for (const file of files('src')) {
  const text = readFileSync(file, 'utf8');
  if (/@generated\b/.test(text.slice(0, 500))) continue;
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) tooLong.push(`${file}: ${lines} lines`);
}
if (tooLong.length) {
  console.error(`check-file-size: ${tooLong.length} file(s) in src/ over ${MAX_LINES} lines; split each by caller (see STYLE.md):\n  ${tooLong.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-file-size: every file in src/ is at most ${MAX_LINES} lines.`);
