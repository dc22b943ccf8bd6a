// Rewrites the key table in README.md from the keymap: `npm run keys`.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = await build({ entryPoints: ['src/view/keymap-help.ts'], bundle: true, format: 'esm', platform: 'node', write: false });
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
const { keyTableMarkdown } = await import(url);
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('| key | does |');
const end = readme.indexOf('\n\n', start);
writeFileSync('README.md', readme.slice(0, start) + keyTableMarkdown() + readme.slice(end));
