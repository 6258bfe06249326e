// What the test run hands the e2e tests (scripts/test.ts sets these).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run the e2e tests with \`npm run test:e2e\` (scripts/test.ts sets it).`);
  }
  return value;
}

export const dockerEndpoint = (): string => required('WHARF_TEST_DOCKER');
export const podmanEndpoint = (): string => required('WHARF_TEST_PODMAN');
export const testImage = (): string => process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';

/** A folder for this run's files; scripts/test.ts removes it afterwards. */
export function testDir(): string {
  const dir = process.env.WHARF_TEST_DIR ?? join(tmpdir(), 'wharf-e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}
