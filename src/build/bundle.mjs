// Bundles sitrep into dist/sitrep.mjs: one file that runs with plain `node`,
// with production React and no node_modules beside it.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const outfile = 'dist/sitrep.mjs';

// Ink loads React DevTools only when DEV=true; it is not shipped, so stub it.
const stubDevtools = {
  name: 'stub-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
    }));
  },
};
// The braille canvas calls the deprecated `new Buffer(n)`; outside node_modules
// Node would print a deprecation warning over the screen. Buffer.alloc is the same.
const modernBuffer = {
  name: 'modern-buffer',
  setup(b) {
    b.onLoad({ filter: /drawille-blessed-contrib[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('new Buffer(', 'Buffer.alloc('), loader: 'js' };
    });
  },
};

await build({
  entryPoints: ['src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minifySyntax: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [stubDevtools, modernBuffer],
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __sitrepCreateRequire } from 'node:module';",
      'const require = __sitrepCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
