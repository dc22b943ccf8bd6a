// Bundles sitrep into dist/sitrep.mjs: one file that runs with plain `node`,
// with production React and no node_modules beside it.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { modesCodeCache } from './modes-cache.mjs';

// Usage: node src/build/bundle.mjs [entry outfile]; the default builds sitrep.
const [entry = 'src/app/main.ts', outfile = 'dist/sitrep.mjs'] = process.argv.slice(2);

// Ink loads React DevTools only when DEV=true; it is not shipped, so stub it.
const stubDevtools = {
  name: 'stub-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'stub' }));
    // Ink's devtools module (loaded only when DEV=true) pulls in ws: 48 KB that every start parses.
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/ink[\\/]build/.test(args.importer) ? { path: 'devtools', namespace: 'stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
    }));
  },
};
// Small source patches to Ink and its neighbours, each measured (ARCHITECTURE.md,
// "The bundle"), live in patches/ and are applied to node_modules by
// patch-package at `npm install`, so vitest and the bundle run the same code.
// Each patched file must carry its patch's text: an upgrade that drops one, or
// an install that skipped patch-package, fails the build here, loudly.
const PATCHED = [
  [/drawille-blessed-contrib[\\/]index\.js$/, 'Buffer.alloc('],
  [/yoga-wasm-base64-esm\.js$/, 'true?Promise.resolve()'],
  [/ink[\\/]build[\\/]output\.js$/, 'next.previous = SHARED_CACHES'],
  [/ink[\\/]build[\\/]measure-text\.js$/, 'if (cache.size >= 2000) cache.clear();'],
  [/ink[\\/]build[\\/]reconciler\.js$/, 'sitrep: not awaited'],
  [/string-width[\\/]index\.js$/, 'globalThis.__sitrepSegmenter'],
  [/slice-ansi[\\/]tokenize-ansi\.js$/, 'globalThis.__sitrepSegmenter'],
  [/ansi-tokenize[\\/]build[\\/]tokenize\.js$/, 'globalThis.__sitrepSegmenter'],
];
const checkPatches = {
  name: 'check-patches',
  setup(b) {
    for (const [file, marker] of PATCHED) {
      b.onLoad({ filter: file }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes(marker)) throw new Error(`${args.path} lacks its patch (${marker}): run npm install, which applies patches/ with patch-package`);
        return { contents: text, loader: 'js' };
      });
    }
  },
};

// Ink's imports of string-width go to our fast path, which falls back to the
// real string-width for anything it does not know to be one cell per character.
const fastWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.endsWith('fast-width.ts') ? undefined : { path: resolvePath('src/text/fast-width.ts') },
    );
  },
};

// The braille canvas's gl-matrix (54 KB parsed at every start) goes to the few
// functions it calls (ui/gl-matrix-lite.ts, checked against gl-matrix by a test).
const glMatrixLite = {
  name: 'gl-matrix-lite',
  setup(b) {
    b.onResolve({ filter: /^gl-matrix$/ }, () => ({ path: resolvePath('ui/gl-matrix-lite.ts') }));
  },
};

// Likewise for Ink's ANSI tokenizer (src/text/fast-ansi-tokenize.ts).
const fastTokenize = {
  name: 'fast-ansi-tokenize',
  setup(b) {
    b.onResolve({ filter: /^@alcalzone\/ansi-tokenize$/ }, (args) =>
      args.importer.endsWith('fast-ansi-tokenize.ts') ? undefined : { path: resolvePath('src/text/fast-ansi-tokenize.ts') },
    );
  },
};

/** A CommonJS bundle kept in memory, to be embedded in sitrep.mjs as text and evaluated only when used. */
const textBundle = (input) => build({ ...input, bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20.19', minify: true, metafile: true, logLevel: 'warning' });

// The drill-down's scan child: sitrep stays one file, and each child (`node -e`)
// loads 3 KB instead of the whole bundle.
const scanChild = await textBundle({ entryPoints: ['collectors/dirs/dir-scan-child.ts'] });

// systeminformation (host facts, the `i` overlay): V8 parses a string literal,
// not 330 KB of code, at every start (measured: --version 160 ms without it,
// 175 ms with it bundled as code).
const systemInformation = await textBundle({ stdin: { contents: "module.exports = require('systeminformation');", resolveDir: resolvePath('.'), loader: 'js' } });
// In the main bundle the import of systeminformation is the unused branch: an empty stub.
const stubSystemInformation = {
  name: 'stub-systeminformation',
  setup(b) {
    b.onResolve({ filter: /^systeminformation$/ }, () => ({ path: 'systeminformation', namespace: 'stub-si' }));
    b.onLoad({ filter: /.*/, namespace: 'stub-si' }, () => ({ contents: 'export default null;' }));
  },
};

// The modes that draw or sample (src/app/lazy-modes.ts): a CommonJS bundle of
// their own, carried as text and evaluated only when a mode needs them
// (src/app/load-modes.ts), so `--version` and `snapshot --dir` never compile
// them (V8 scans a string literal far faster than it compiles code). A script
// cannot await at its top, so yoga (whose module awaits its wasm) is loaded by
// the entry first and handed over (`globalThis.__sitrepYoga`). Only for
// sitrep's own entry.
const splitModes = entry === 'src/app/main.ts';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  minify: process.env.SITREP_NO_MINIFY ? false : true,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    __SITREP_SCAN_CHILD__: JSON.stringify(scanChild.outputFiles[0].text),
    // SITREP_NO_SI=1 builds without it: the baseline of npm run bench:hardware.
    __SITREP_SI__: process.env.SITREP_NO_SI ? 'undefined' : JSON.stringify(systemInformation.outputFiles[0].text),
  },
  plugins: [stubSystemInformation, stubDevtools, checkPatches, fastWidth, fastTokenize, glMatrixLite],
  logLevel: 'warning',
};
const yogaHandedOver = {
  name: 'yoga-handed-over',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga', namespace: 'yoga-handed-over' }));
    // Read at each use (Ink touches Yoga only inside functions): the console loads yoga when it first needs Ink.
    b.onLoad({ filter: /.*/, namespace: 'yoga-handed-over' }, () => ({ contents: 'export default new Proxy({}, { get: (_t, key) => globalThis.__sitrepYoga[key] });' }));
  },
};
// The text is one function expression of (module, exports, require), so that
// load-modes.ts compiles it as it is, with its code cache (modes-cache.mjs).
const modes = splitModes
  ? await build({
    ...common,
    // systeminformation's text stays in the entry's bundle, read through a getter load-modes.ts sets
    // (inside the modes text it would be held twice, escaped twice, for the whole session).
    define: { ...common.define, __SITREP_SI__: process.env.SITREP_NO_SI ? 'undefined' : 'globalThis.__sitrepSiText' },
    format: 'cjs', entryPoints: ['src/app/lazy-modes.ts'], write: false, metafile: true, plugins: [yogaHandedOver, ...common.plugins], logOverride: { 'empty-import-meta': 'silent' }, banner: { js: '(function (module, exports, require) {' }, footer: { js: '})' } })
  : null;
// The text must be ASCII: one non-ASCII character (a regexp's │, say) makes V8
// hold the whole 1 MB text as a two-byte string, 2 MB of heap for as long as sitrep runs
// (checked when minified: an unminified debug build keeps comments, which may hold any).
const nonAscii = modes && !process.env.SITREP_NO_MINIFY ? /[^\x00-\x7f]/.exec(modes.outputFiles[0].text) : null;
if (nonAscii) {
  const at = nonAscii.index;
  throw new Error(`the modes text holds a non-ASCII character (${JSON.stringify(modes.outputFiles[0].text.slice(Math.max(0, at - 40), at + 40))}): write it as a \\u escape`);
}
// In the entry's bundle, lazy-modes.ts is the text above, never code.
const stubLazyModes = {
  name: 'stub-lazy-modes',
  setup(b) {
    if (!splitModes) return;
    b.onResolve({ filter: /[\\/]lazy-modes\.js$/ }, () => ({ path: 'lazy-modes', namespace: 'stub-modes' }));
    b.onLoad({ filter: /.*/, namespace: 'stub-modes' }, () => ({ contents: 'export {};' }));
  },
};

// An outfile ending in .cjs is the single executable's script (src/build/build-binary.mjs):
// CommonJS, since Node's single-executable applications run one CommonJS script.
const sea = outfile.endsWith('.cjs');
// The executable's script: its own path stands for the bundle's URL, and a full
// require (SEA's own loads built-ins only) is what createRequire gives.
// A scan child (collectors/scan-children.ts spawns `execPath -e CODE` with an
// IPC channel) runs CODE as `node -e` would: the executable takes no node options.
const SEA_BANNER = [
  '// sitrep: MIT. Bundled packages and their licences: THIRD-PARTY-NOTICES (the .deb puts it in /usr/share/doc/sitrep).',
  "var __sitrepSeaUrl = require('node:url').pathToFileURL(process.execPath).href;",
  "if (process.argv[2] === '-e' && typeof process.send === 'function') { var __m = { exports: {} }; new Function('module', 'exports', 'require', process.argv[3])(__m, __m.exports, require('node:module').createRequire(process.execPath)); return; }",
  "if (require('node:sea').isSea()) globalThis.__sitrepSea = { executable: process.execPath, asset: (name) => Buffer.from(require('node:sea').getAsset(name)) };",
].join('\n');
// V8's code cache of the modes text, made by a warm-up of the console (modes-cache.mjs).
const modesCache = modes && !process.env.SITREP_NO_CODE_CACHE ? modesCodeCache(modes.outputFiles[0].text) : '';
const bundled = await build({
  entryPoints: [entry],
  metafile: true,
  outfile,
  bundle: true,
  platform: 'node',
  format: sea ? 'cjs' : 'esm',
  target: 'node20.19',
  minify: process.env.SITREP_NO_MINIFY ? false : true,
  // Licence texts go whole into THIRD-PARTY-NOTICES beside the bundle (below).
  legalComments: 'none',
  define: {
    ...common.define,
    __SITREP_MODES__: modes ? JSON.stringify(modes.outputFiles[0].text) : 'undefined',
    // The single executable carries the cache as a string; sitrep.mjs in its last comment (load-modes.ts reads it back).
    __SITREP_MODES_CACHE__: !modesCache ? 'undefined' : sea ? JSON.stringify(modesCache) : JSON.stringify(`in-file:${modesCache.length}`),
    ...(sea ? { 'import.meta.url': '__sitrepSeaUrl' } : {}),
  },
  plugins: [stubLazyModes, ...common.plugins],
  footer: { js: modesCache && !sea ? `/*sitrep-code-cache:${modesCache}*/` : '' },
  banner: {
    js: sea ? SEA_BANNER : [
      '#!/usr/bin/env node',
      '// sitrep: MIT. Bundled packages and their licences: THIRD-PARTY-NOTICES beside this file, or `npm view sitrep`.',
      "import { createRequire as __sitrepCreateRequire } from 'node:module';",
      'const require = __sitrepCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);

// THIRD-PARTY-NOTICES: each package the bundle holds (from esbuild's metafile),
// its version, licence and the licence text it ships.
const packageRoots = new Set();
for (const input of [...Object.keys(bundled.metafile.inputs), ...Object.keys(modes?.metafile.inputs ?? {}), ...Object.keys(systemInformation.metafile.inputs)]) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageRoots.add(m[1]);
}
const notices = [...packageRoots].sort().map((root) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = file ? readFileSync(join(root, file), 'utf8').trim() : `Licence: ${pkg.license ?? 'see the package'} (no licence file shipped)`;
  return `${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})\n${'-'.repeat(60)}\n${text}\n`;
});
const noticesPath = join(dirname(outfile), 'THIRD-PARTY-NOTICES');
if (outfile === 'dist/sitrep.mjs' || (!sea && existsSync(noticesPath))) {
  writeFileSync(noticesPath, `sitrep bundles these packages in ${outfile.split('/').pop()}:\n\n${notices.join('\n')}`);
}
