// Layering is enforced twice (as STYLE.md asks): by the per-layer tsconfigs
// and by these import rules.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

// Packages that need Node (or a socket): never in runtime/api/, which the renderer runs too.
const NODE_ONLY = ['dockerode', 'ws', 'tar-fs', '@balena/dockerignore', 'electron'];

// A domain's pure files (runtime/domains/<domain>/): what crosses the contract and the
// command text. With runtime/api/ they are the pure layer the renderer may import code from.
// A domain's pure files (no Node, no DOM): what the renderer may import code from.
const PURE_NAMES = ['contract', 'types', 'cli', 'labels', 'words', 'exit-codes', 'kube', 'notices'];
const PURE_DOMAIN_FILES = PURE_NAMES.map((name) => `runtime/domains/*/${name}.ts`);
const PURE_DOMAIN_MODULE = `domains/[\\w-]+/(${PURE_NAMES.join('|')})$`;
const PURE_ONLY =
  "The pure layer imports only runtime/api/ and domains' contract.ts, types.ts and cli.ts: the rest of runtime/ is Node.";

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['runtime/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
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
      // The contract's RequestHandler returns a Promise, and so do the engine, credential
      // and VM interfaces: `async` is how a synchronous implementation meets them while a
      // throw still becomes a rejection. Promise.resolve(...) instead would throw synchronously.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests: `expect(obj.fn)` and `vi.spyOn` pass methods unbound on purpose, JSON parsed
    // from responses or files is read as `any` to assert on its shape, and WebSocket
    // messages and TLS options (Buffer | ArrayBuffer | … unions) are read with String().
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'runtime/ is plain Node: Electron lives in electron/ only.' }],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'runtime/ depends on neither electron/ nor renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure layer: no Node, no DOM (runtime/api/tsconfig.json checks the same).
    // runtime/api/ and each domain's contract.ts, types.ts and cli.ts: the renderer
    // imports their code, so they import only from each other.
    files: ['runtime/api/**/*.ts', ...PURE_DOMAIN_FILES],
    ignores: ['runtime/api/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...NODE_ONLY].map((name) => ({
            name,
            message:
              "The pure layer (runtime/api/, domains' contract, types, cli): no Node, no DOM (the renderer runs it too).",
          })),
          patterns: [
            { regex: '^node:', message: 'The pure layer: no Node, no DOM (the renderer runs it too).' },
            { group: NODE_ONLY.map((name) => `${name}/**`), message: 'The pure layer: no Node, no DOM.' },
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
        { patterns: [{ regex: `^\\.\\./(?!${PURE_DOMAIN_MODULE})`, message: PURE_ONLY }] },
      ],
    },
  },
  {
    files: ['runtime/api/*/**/*.ts'],
    ignores: ['runtime/api/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: `^\\.\\./\\.\\./(?!${PURE_DOMAIN_MODULE})`, message: PURE_ONLY }] },
      ],
    },
  },
  {
    // A domain's pure files import from runtime/api/ and other domains' pure files only.
    files: PURE_DOMAIN_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.(?!/(${PURE_NAMES.join('|')})$|\\./[\\w-]+/(${PURE_NAMES.join('|')})$|\\./\\.\\./api/)`,
              message: PURE_ONLY,
            },
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
            {
              group: [
                '**/runtime/**',
                '!**/runtime/api',
                '!**/runtime/api/**',
                '!**/runtime/domains',
                '!**/runtime/domains/*',
                ...PURE_NAMES.map((name) => `!**/runtime/domains/*/${name}`),
              ],
              allowTypeImports: true,
              message:
                "The renderer may import code from the pure layer (runtime/api/ and the domains' pure files) and only types from the rest of runtime/.",
            },
            {
              group: ['**/electron/**', 'electron'],
              message: 'The renderer knows no Electron: it is handed a transport.',
            },
          ],
          paths: [{ name: 'electron', message: 'The renderer knows no Electron.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'require', message: 'No Node in the renderer.' },
        { name: 'process', message: 'No Node in the renderer.' },
      ],
    },
  },
  {
    // The two classic hook rules, not v7's `recommended`: that preset adds the React
    // Compiler's rules (refs, set-state-in-effect, immutability, …), which judge code for
    // a compiler this app does not use and whose fixes would restructure working effects.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    extends: [jsxA11y.flatConfigs.recommended],
    rules: {
      // A labelled region that scrolls is focusable so the keyboard can scroll it.
      'jsx-a11y/no-noninteractive-tabindex': [
        'error',
        { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true },
      ],
    },
  },
);
