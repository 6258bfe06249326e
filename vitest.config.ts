import { defineConfig } from 'vitest/config';

// unit: pure logic, no engine. integration: the runtime against the real
// engines that scripts/test.mjs starts (their endpoints arrive in
// WHARF_TEST_DOCKER and WHARF_TEST_PODMAN).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'runtime/**/*.test.ts',
            'renderer/**/*.test.ts',
            'renderer/**/*.test.tsx',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.vm.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['runtime/**/*.int.test.ts', 'electron/**/*.int.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The engine VM (boots QEMU; minutes): `npm test`'s vm step, or `npx vitest run --project vm`.
        test: {
          name: 'vm',
          include: ['runtime/**/*.vm.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
