// The architecture is enforced here: ml/ is pure (no React/Electron/DOM-only libs),
// renderer/ never reaches Electron or Node, and `any` is not allowed anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeModules = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto', 'zlib', 'stream', 'url', 'module', 'readline'];
const nodeBuiltins = nodeModules.flatMap((m) => [m, `node:${m}`, `node:${m}/*`, `${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'datasets/**/*.js', '.cache/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['ml/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom', 'electron', 'd3'].map((name) => ({ name, message: 'ml/ is pure: no UI, no Electron.' })),
        patterns: [{ group: ['react/*', 'react-dom/*', 'electron/*', '../renderer/*', '../../renderer/*', '../electron/*', '../../electron/*'], message: 'ml/ is pure: no UI, no Electron.' }],
      }],
      'no-restricted-globals': ['error', 'document', 'window', 'HTMLElement', 'HTMLCanvasElement'],
    },
  },
  {
    // Node-only parts of ml/ live in files named *.node.ts (loaders from disk, workers, caches).
    files: ['ml/**/*.ts'],
    ignores: ['ml/**/*.node.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom', 'electron', 'd3', ...nodeModules.flatMap((m) => [m, `node:${m}`])].map((name) => ({ name, message: 'ml/ is pure and portable: Node-only code goes in *.node.ts files; no UI, no Electron.' })),
        patterns: [{ group: ['react/*', 'react-dom/*', 'electron/*', '**/renderer/**', '**/electron/**'], message: 'ml/ is pure: no UI, no Electron.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeBuiltins].map((name) => ({ name, message: 'renderer/ talks to the backend only through ml/api.ts clients.' })),
        patterns: [{ group: ['electron/*', '**/electron/**', 'node:*'], message: 'renderer/ talks to the backend only through ml/api.ts clients.' }],
      }],
    },
  },
);
