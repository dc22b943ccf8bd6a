// Lint rules that hold the layering of ARCHITECTURE.md in place.
import tseslint from 'typescript-eslint';

const nodeIo = ['node:fs', 'node:fs/promises', 'node:child_process', 'fs', 'fs/promises', 'child_process'];
const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { patterns, paths: paths.map((name) => ({ name, message: 'not allowed in this layer (see ARCHITECTURE.md)' })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: restrict(
      [{ group: ['node:*', 'ink', 'react', '**/collectors/**', '**/ui/**'], message: 'the model is pure: no Node, Ink, React, collectors or UI' }],
    ),
  },
  {
    files: ['collectors/**/*.ts'],
    rules: restrict([{ group: ['**/src/*', '!**/src/messages.js', '**/ui/**', 'ink', 'react'], message: 'collectors import only message types' }]),
  },
  {
    files: ['ui/**/*.ts', 'ui/**/*.tsx'],
    rules: restrict([{ group: ['**/collectors/**', '**/sources/**', '**/cli/**', '**/term/**'], message: 'the UI reads the model only' }], nodeIo),
  },
  {
    files: ['demo/**/*.ts'],
    rules: restrict([{ group: ['**/collectors/**'], message: 'a demo must run on any machine' }]),
  },
);
