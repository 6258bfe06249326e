// Layering is enforced twice (as STYLE.md asks): by the per-layer tsconfigs
// and by these import rules.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Packages that need Node (or a socket): never in runtime/api/, which the renderer runs too.
const NODE_ONLY = ['dockerode', 'ws', 'tar-fs', '@balena/dockerignore', 'electron'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  {
    files: ['runtime/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'runtime/ is plain Node: Electron lives in electron/ only.' }],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'runtime/ depends on neither electron/ nor renderer/.' }],
        },
      ],
    },
  },
  {
    // The pure layer: no Node, no DOM (runtime/api/tsconfig.json checks the same).
    // The renderer imports its code, so it imports only from runtime/api/ itself.
    files: ['runtime/api/**/*.ts'],
    ignores: ['runtime/api/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...NODE_ONLY].map((name) => ({ name, message: 'runtime/api/ is pure: no Node, no DOM (the renderer runs it too).' })),
          patterns: [
            { regex: '^node:', message: 'runtime/api/ is pure: no Node, no DOM (the renderer runs it too).' },
            { group: NODE_ONLY.map((name) => `${name}/**`), message: 'runtime/api/ is pure: no Node, no DOM.' },
          ],
        },
      ],
    },
  },
  {
    files: ['runtime/api/*.ts'],
    ignores: ['runtime/api/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: 'runtime/api/ imports only from itself: the rest of runtime/ is Node.' }] },
      ],
    },
  },
  {
    files: ['runtime/api/*/**/*.ts'],
    ignores: ['runtime/api/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./', message: 'runtime/api/ imports only from itself: the rest of runtime/ is Node.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/runtime/**', '!**/runtime/api', '!**/runtime/api/**'],
              allowTypeImports: true,
              message: 'The renderer may import code from runtime/api/ (the pure layer) and only types from the rest of runtime/.',
            },
            { group: ['**/electron/**', 'electron'], message: 'The renderer knows no Electron: it is handed a transport.' },
          ],
          paths: [{ name: 'electron', message: 'The renderer knows no Electron.' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'require', message: 'No Node in the renderer.' }, { name: 'process', message: 'No Node in the renderer.' }],
    },
  },
);
