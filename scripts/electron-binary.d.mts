export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };
/** packageDir: the electron package's folder (node_modules/electron unless given). */
export function findElectronBinary(packageDir?: string): ElectronBinary;
export function downloadElectronBinary(packageDir?: string): boolean;
