// Bundles sitrep into dist/sitrep.mjs: one file that runs with plain `node`,
// with production React and no node_modules beside it.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';

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
// Small source patches, each measured (see ARCHITECTURE.md). A patch whose
// text is no longer found fails the build, so an upgrade cannot drop it silently.
const PATCHES = [
  {
    // The braille canvas calls the deprecated `new Buffer(n)`; outside node_modules
    // Node prints a deprecation warning over the screen. Buffer.alloc is the same.
    file: /drawille-blessed-contrib[\\/]index\.js$/,
    from: 'new Buffer(',
    to: 'Buffer.alloc(',
  },
  {
    // yoga's loader fetches its inlined wasm through a data: URL when fetch
    // exists, which loads Node's whole fetch stack (~40 ms at start). Decoding
    // the same base64 directly is what it does where fetch is missing.
    file: /yoga-wasm-base64-esm\.js$/,
    from: '"function"!=typeof fetch?Promise.resolve()',
    to: 'true?Promise.resolve()',
  },
  {
    // Ink's Output builds a fresh object (and array) for every blank cell of
    // every frame: ~0.8 MB of garbage per 120x40 frame. Blank cells are never
    // mutated, so rows can share one frozen blank cell.
    file: /ink[\\/]build[\\/]output\.js$/,
    from: `const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }`,
    to: 'const row = new Array(this.width).fill(BLANK_CELL);',
  },
  {
    // ...and it tokenizes every line of every frame anew, although most lines
    // repeat from one frame to the next. The caches hold immutable results, so
    // they can outlive a frame; they are emptied when they grow past a bound.
    file: /ink[\\/]build[\\/]output\.js$/,
    from: 'caches = new OutputCaches();',
    to: 'caches = sharedOutputCaches();',
  },
  {
    // Ink measures every text node's size through a module-level Map that is
    // never emptied: every distinct string ever drawn stays (a log flood drew
    // 11,500 new lines a minute into it: the residual growth of the flood soak).
    // Bounded like the output caches: emptied past 2,000 entries.
    file: /ink[\\/]build[\\/]measure-text\.js$/,
    from: '    cache.set(text, dimensions);',
    to: '    if (cache.size >= 2000) cache.clear();\n    cache.set(text, dimensions);',
  },
  // Start-up: the first Intl.Segmenter loads ICU's break data (~8 ms) and the
  // RGI_Emoji property set takes ~12 ms to build, both at module load, yet a
  // frame of ASCII, box and braille never needs them (the width fast path).
  // Each is made on first use instead (__sitrepLazySegmenter is in the banner).
  ...[
    [/string-width[\\/]index\.js$/, 'new Intl.Segmenter()'],
    [/slice-ansi[\\/]tokenize-ansi\.js$/, "new Intl.Segmenter(undefined, {granularity: 'grapheme'})"],
    [/ansi-tokenize[\\/]build[\\/]tokenize\.js$/, 'new Intl.Segmenter(undefined, { granularity: "grapheme" })'],
  ].map(([file, from]) => ({ file, from, to: '__sitrepLazySegmenter()' })),
  {
    file: /string-width[\\/]index\.js$/,
    from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    to: "let rgiEmojiRegexMade;\nconst rgiEmojiRegex = { test: (s) => (rgiEmojiRegexMade ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
  },
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    from: 'export default class Output {',
    to: `const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let SHARED_CACHES;
function sharedOutputCaches() {
    if (!SHARED_CACHES || SHARED_CACHES.styledChars.size > 300 || SHARED_CACHES.widths.size > 1000) SHARED_CACHES = new OutputCaches();
    return SHARED_CACHES;
}
export default class Output {`,
  },
];
const patchSources = {
  name: 'patch-sources',
  setup(b) {
    const sources = [...new Set(PATCHES.map((p) => p.file.source))];
    for (const source of sources) {
      b.onLoad({ filter: new RegExp(source) }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const patch of PATCHES.filter((p) => p.file.source === source)) {
          if (!text.includes(patch.from)) throw new Error(`patch target not found in ${args.path}: ${patch.from}`);
          text = text.replaceAll(patch.from, () => patch.to); // a function: `to` may hold `$`
        }
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

// The drill-down's scan child, built on its own and embedded as text: sitrep
// stays one file, and each child (`node -e`) loads 3 KB instead of the whole bundle.
const scanChild = await build({
  entryPoints: ['collectors/dir-scan-child.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  minify: true,
  logLevel: 'warning',
});

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: process.env.SITREP_NO_MINIFY ? false : true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"', __SITREP_SCAN_CHILD__: JSON.stringify(scanChild.outputFiles[0].text) },
  plugins: [stubDevtools, patchSources, fastWidth, fastTokenize, glMatrixLite],
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __sitrepCreateRequire } from 'node:module';",
      'const require = __sitrepCreateRequire(import.meta.url);',
      'const __sitrepLazySegmenter = () => { let made; return { segment: (text) => (made ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(text) }; };',
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
