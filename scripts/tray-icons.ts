// Draws the tray icons (assets/tray/) from the app icon's art (assets/icon.svg:
// three containers on a pier, on a 64-unit grid): one icon per engine state,
// at 16 px and 32 px (@2x). Colour icons for Windows and Linux carry a state
// dot; macOS gets black template images (the menu bar tints them), the state
// drawn as a mark beside the containers. Run: npx tsx scripts/tray-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { TRAY_STATES, type TrayState } from '../electron/tray-model';

type Rgba = [number, number, number, number];
type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: Rgba }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: Rgba; ring?: number };

const hex = (h: string, a = 255): Rgba => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
  a,
];

/** The containers and the pier of icon.svg, without the sky and water. */
function art(fill: (part: 'yellow' | 'red' | 'orange' | 'deck') => Rgba): Shape[] {
  return [
    { kind: 'rect', x: 4, y: 36, w: 56, h: 6, color: fill('deck') },
    { kind: 'rect', x: 12, y: 42, w: 4, h: 12, color: fill('deck') },
    { kind: 'rect', x: 48, y: 42, w: 4, h: 12, color: fill('deck') },
    { kind: 'rect', x: 6, y: 22, w: 22, h: 13, color: fill('yellow') },
    { kind: 'rect', x: 31, y: 22, w: 27, h: 13, color: fill('red') },
    { kind: 'rect', x: 18, y: 8, w: 26, h: 13, color: fill('orange') },
  ];
}

const DOT: Record<TrayState, Rgba> = {
  connected: hex('#16a34a'),
  starting: hex('#f59e0b'),
  stopped: hex('#9ca3af'),
  error: hex('#dc2626'),
};

function colourIcon(state: TrayState): Shape[] {
  const colours = { yellow: '#facc15', red: '#f43f5e', orange: '#fb923c', deck: '#64748b' } as const;
  // Stopped: the art faded, as an engine at rest.
  const alpha = state === 'stopped' ? 140 : 255;
  return [
    ...art((part) => hex(colours[part], alpha)),
    { kind: 'circle', cx: 50, cy: 50, r: 14, color: hex('#ffffff') },
    { kind: 'circle', cx: 50, cy: 50, r: 11, color: DOT[state] },
  ];
}

function templateIcon(state: TrayState): Shape[] {
  const black = (a: number): Rgba => [0, 0, 0, a];
  const shapes = art(() => black(state === 'stopped' ? 110 : 255));
  // Clear a corner for the mark, then draw it: none when connected.
  if (state === 'connected') return shapes;
  const cut: Shape = { kind: 'circle', cx: 50, cy: 50, r: 15, color: [0, 0, 0, 0] };
  if (state === 'starting')
    return [...shapes, cut, { kind: 'circle', cx: 50, cy: 50, r: 11, color: black(255), ring: 4 }];
  if (state === 'stopped') return [...shapes, cut, { kind: 'rect', x: 40, y: 47, w: 20, h: 6, color: black(255) }];
  return [
    ...shapes,
    cut,
    { kind: 'circle', cx: 50, cy: 50, r: 12, color: black(255) },
    { kind: 'rect', x: 48, y: 42, w: 4, h: 10, color: [0, 0, 0, 0] },
    { kind: 'rect', x: 48, y: 54, w: 4, h: 4, color: [0, 0, 0, 0] },
  ];
}

/** Paints the shapes in order (a transparent colour cuts), 4×4 samples per pixel. */
function rasterize(shapes: Shape[], size: number): Buffer {
  const ss = 4;
  const n = size * ss;
  const scale = n / 64;
  const px = new Float64Array(n * n * 4);
  for (const s of shapes) {
    for (let y = 0; y < n; y += 1) {
      for (let x = 0; x < n; x += 1) {
        const ux = (x + 0.5) / scale;
        const uy = (y + 0.5) / scale;
        let inside: boolean;
        if (s.kind === 'rect') inside = ux >= s.x && ux < s.x + s.w && uy >= s.y && uy < s.y + s.h;
        else {
          const d = Math.hypot(ux - s.cx, uy - s.cy);
          inside = d <= s.r && (s.ring === undefined || d >= s.r - s.ring);
        }
        if (!inside) continue;
        const i = (y * n + x) * 4;
        px[i] = s.color[0];
        px[i + 1] = s.color[1];
        px[i + 2] = s.color[2];
        px[i + 3] = s.color[3];
      }
    }
  }
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let dy = 0; dy < ss; dy += 1) {
        for (let dx = 0; dx < ss; dx += 1) {
          const i = ((y * ss + dy) * n + x * ss + dx) * 4;
          const w = px[i + 3]!;
          r += px[i]! * w;
          g += px[i + 1]! * w;
          b += px[i + 2]! * w;
          a += w;
        }
      }
      const o = (y * size + x) * 4;
      out[o] = a > 0 ? Math.round(r / a) : 0;
      out[o + 1] = a > 0 ? Math.round(g / a) : 0;
      out[o + 2] = a > 0 ? Math.round(b / a) : 0;
      out[o + 3] = Math.round(a / (ss * ss));
    }
  }
  return png(out, size);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
function png(rgba: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = join(import.meta.dirname, '..', 'assets', 'tray');
mkdirSync(dir, { recursive: true });
for (const state of TRAY_STATES) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ] as const) {
    writeFileSync(join(dir, `tray-${state}${suffix}.png`), rasterize(colourIcon(state), size));
    writeFileSync(join(dir, `tray-${state}Template${suffix}.png`), rasterize(templateIcon(state), size));
  }
}
console.log(`tray icons written to ${dir}`);
