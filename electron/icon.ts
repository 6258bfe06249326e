// The window's icon on Linux and Windows; macOS shows the app bundle's icon
// (assets/icon.icns) instead. assets/icon.png is two folders above the bundled
// main process (dist/electron/main.cjs) both in the checkout and in the
// packaged app.asar, which takes it in through package.json build.files.
import { join } from 'node:path';

export function windowIcon(codeDir: string, platform: NodeJS.Platform): string | undefined {
  return platform === 'darwin' ? undefined : join(codeDir, '..', '..', 'assets', 'icon.png');
}
