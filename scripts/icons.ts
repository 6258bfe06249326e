// Regenerates the app icon's raster files from its source, assets/icon.svg:
//
//   assets/icons/<n>x<n>.png  n = 16 … 1024, the full tile (Linux icon set)
//   assets/icon.png           512, the full tile (the window icon on Linux and Windows)
//   assets/icon.ico           16 … 256, PNG entries (Windows)
//   assets/icon.icns          16 … 1024, PNG entries, the tile inset to macOS's icon grid
//
// Needs rsvg-convert (Debian: apt-get install librsvg2-bin); optipng (apt-get
// install optipng) makes the PNGs smaller when present, keeping them RGBA as
// Windows wants inside an ICO. ICO and ICNS are containers of PNGs, written
// here. Run: npx tsx scripts/icons.ts, then commit what changed under assets/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ASSETS = join(import.meta.dirname, '..', 'assets');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS's icon types holding a PNG, by pixel size (the @2x types reuse the larger renders). */
const ICNS_TYPES: [type: string, size: number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
  ['ic10', 1024],
];

function have(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Renders `svg` at each size into `dir` as <n>x<n>.png, optimised when optipng is here. */
function render(svg: string, sizes: number[], dir: string): Map<number, Buffer> {
  mkdirSync(dir, { recursive: true });
  const files = sizes.map((n) => {
    const file = join(dir, `${n}x${n}.png`);
    writeFileSync(file, execFileSync('rsvg-convert', ['--width', `${n}`, '--height', `${n}`], { input: svg }));
    return file;
  });
  if (have('optipng')) execFileSync('optipng', ['-quiet', '-o2', '-nc', '-nb', '-strip', 'all', ...files]);
  return new Map(sizes.map((n, i) => [n, readFileSync(files[i]!)]));
}

/** An ICO file: a directory of entries, each a whole PNG (Windows Vista and later). */
function ico(pngs: [size: number, png: Buffer][]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size % 256, at); // 0 means 256
    header.writeUInt8(size % 256, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, png]) => png)]);
}

/** An ICNS file: 'icns', its length, then entries of a type, a length and the data. */
function icns(entries: [type: string, png: Buffer][]): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

if (!have('rsvg-convert')) {
  console.error('icons: needs rsvg-convert (Debian: apt-get install librsvg2-bin)');
  process.exit(1);
}
const source = readFileSync(join(ASSETS, 'icon.svg'), 'utf8');
const VIEWBOX = 'viewBox="0 0 64 64"';
if (!source.includes(VIEWBOX)) {
  console.error(`icons: assets/icon.svg must have ${VIEWBOX}`);
  process.exit(1);
}
// macOS shows an app icon as an 824-unit tile centred in 1024 (Apple's icon
// grid): the same drawing under a wider viewBox, 64 × 1024 / 824 units.
const margin = (64 * 1024) / 824 / 2 - 32;
const inset = source.replace(VIEWBOX, `viewBox="${-margin} ${-margin} ${64 + 2 * margin} ${64 + 2 * margin}"`);

const full = render(source, SIZES, join(ASSETS, 'icons'));
writeFileSync(join(ASSETS, 'icon.png'), full.get(512)!);
writeFileSync(join(ASSETS, 'icon.ico'), ico(ICO_SIZES.map((n) => [n, full.get(n)!])));

const work = mkdtempSync(join(tmpdir(), 'wharf-icons-'));
try {
  const mac = render(inset, [...new Set(ICNS_TYPES.map(([, n]) => n))], work);
  writeFileSync(join(ASSETS, 'icon.icns'), icns(ICNS_TYPES.map(([type, n]) => [type, mac.get(n)!])));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('icons: wrote assets/icons/*.png, assets/icon.png, assets/icon.ico and assets/icon.icns');
