// Wharf's own version in browser mode: the package.json above the running
// bundle (dist/runtime/cli.js) or the source (runtime/domains/app/).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const Manifest = z.object({ name: z.literal('wharf'), version: z.string().min(1).max(64) });

export function findOwnVersion(from: string): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    try {
      const parsed = Manifest.safeParse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
      if (parsed.success) return parsed.data.version;
    } catch {
      // none here, or not JSON
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}
