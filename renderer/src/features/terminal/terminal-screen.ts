// An xterm.js screen as Wharf sets it up: font, theme and addons (fit, search,
// Unicode 11 widths, links, the platform's copy and paste keys), and the WebGL
// renderer where a real GPU draws it.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { platformCopyPaste, tabEscape } from './keys';
import { TERMINAL_THEME } from './theme';

/**
 * localStorage key: "dom" keeps terminals on the DOM renderer, for a GPU that
 * draws badly (and for tests, which read the screen's text from the DOM);
 * "webgl" uses WebGL even where only a software rasteriser draws it.
 */
export const RENDERER_PREFERENCE_KEY = 'wharf.terminal.renderer';

export interface Screen {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
}

export function createScreen(): Screen {
  const fit = new FitAddon();
  const search = new SearchAddon();
  const term = new Terminal({
    allowProposedApi: true,
    cursorBlink: true,
    fontFamily: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
    fontSize: 13,
    lineHeight: 1.15,
    scrollback: 10_000,
    theme: TERMINAL_THEME,
    macOptionIsMeta: true,
    rightClickSelectsWord: true,
  });
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  // Links open in a new window without access to this one; never navigate the app.
  term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  // Escape then Tab: xterm leaves the key alone, so the browser moves the focus on.
  const escape = tabEscape();
  term.attachCustomKeyEventHandler((event) => escape(event, Date.now()) === 'pass' && platformCopyPaste(event, term));
  return { term, fit, search };
}

/** Draws `term` with WebGL when the preference and the GPU allow; tells which renderer draws it (now, and after a lost context). */
export function loadWebgl(term: Terminal, renderer: (which: 'webgl' | 'dom') => void): void {
  const preference = localStorage.getItem(RENDERER_PREFERENCE_KEY);
  if (preference === 'dom' || (preference !== 'webgl' && !hasHardwareWebgl())) return;
  try {
    const webgl = new WebglAddon();
    // A lost context (GPU reset, too many contexts) falls back to the DOM renderer.
    webgl.onContextLoss(() => {
      webgl.dispose();
      renderer('dom');
    });
    term.loadAddon(webgl);
    renderer('webgl');
  } catch {
    renderer('dom');
  }
}

let hardwareWebgl: boolean | undefined;

/**
 * WebGL drawn by the GPU. A software rasteriser (SwiftShader, llvmpipe: no
 * GPU, or a blocklisted one) is slower than the DOM renderer, so it is not used.
 */
export function hasHardwareWebgl(): boolean {
  if (hardwareWebgl !== undefined) return hardwareWebgl;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return (hardwareWebgl = false);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (hardwareWebgl = !/swiftshader|llvmpipe|softpipe|software/i.test(renderer));
}
