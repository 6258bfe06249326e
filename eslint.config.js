// Layering is enforced twice (as STYLE.md asks): by the per-layer tsconfigs
// and by these import rules.
import tseslint from 'typescript-eslint';

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
    files: ['runtime/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The contract is pure: it is type-checked in the renderer too.' },
            { group: ['dockerode', 'ws', '../engine/**', '../services/**', '../server/**'], message: 'The contract is pure.' },
          ],
        },
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
            { group: ['**/runtime/**'], allowTypeImports: true, message: 'The renderer may only import types from runtime/.' },
            { group: ['**/electron/**', 'electron'], message: 'The renderer knows no Electron: it is handed a transport.' },
          ],
          paths: [{ name: 'electron', message: 'The renderer knows no Electron.' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'require', message: 'No Node in the renderer.' }, { name: 'process', message: 'No Node in the renderer.' }],
    },
  },
);
