// Open terminals, kept outside React: each xterm.js Terminal and its session
// live here, so a terminal keeps its screen and its shell while the user is
// on another page; a view only lends it a place in the DOM (mount/unmount).
// Open sessions are also noted in sessionStorage: after a reload of the page
// each is reattached (the runtime keeps a session for a while without a
// screen) and its recent output redrawn.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalExit, TerminalMode, TerminalSession } from '../../../../runtime/api/domains/terminal';
import type { Client } from '../../api/client';
import { ApiError } from '../../../../runtime/api/errors';
import { platformCopyPaste } from './keys';
import { createOutputPump, PIECE_MS } from './output-pump';
import { TERMINAL_THEME } from './theme';

export interface TerminalOptions {
  containerId: string;
  containerName: string;
  mode: TerminalMode;
  /** exec: argv; undefined: bash or sh, as the container has. */
  command?: string[];
  user?: string;
  workdir?: string;
}

export type TerminalStatus = 'opening' | 'open' | 'ended' | 'failed';

export interface TerminalSnapshot {
  readonly key: string;
  readonly options: TerminalOptions;
  readonly status: TerminalStatus;
  readonly session: TerminalSession | null;
  readonly exit: TerminalExit | null;
  readonly error: { message: string; hint?: string } | null;
  readonly renderer: 'webgl' | 'dom';
}

/** Largest input message: a long paste goes in pieces. */
const INPUT_CHUNK = 64 * 1024;
/**
 * localStorage key: "dom" keeps terminals on the DOM renderer, for a GPU that
 * draws badly (and for tests, which read the screen's text from the DOM);
 * "webgl" uses WebGL even where only a software rasteriser draws it.
 */
export const RENDERER_PREFERENCE_KEY = 'wharf.terminal.renderer';
const RESIZE_DEBOUNCE_MS = 60;
/** After a key is pressed anywhere on the page, for this long output goes to xterm in short pieces and terminals out of view hold theirs. */
const INPUT_PRIORITY_MS = 1000;
let lastInputAt = Number.NEGATIVE_INFINITY;
let listeningForInput = false;

/** Notes every key pressed and every paste on the page, before anyone handles it. */
function listenForInput() {
  if (listeningForInput) return;
  listeningForInput = true;
  const note = () => {
    lastInputAt = performance.now();
  };
  document.addEventListener('keydown', note, { capture: true });
  document.addEventListener('paste', note, { capture: true });
}
/** sessionStorage key: the open sessions, to reattach after a reload. */
const SAVED_KEY = 'wharf.terminals';

interface SavedTerminal {
  key: string;
  options: TerminalOptions;
  sessionId: string;
  /** The terminal of its container's Terminal tab. */
  panel: boolean;
}

export class TerminalEntry {
  readonly key: string;
  readonly term: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  private readonly host: HTMLDivElement;
  private opened = false;
  private started = false;
  private snapshotValue: TerminalSnapshot;
  private stopOutput: (() => void) | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: ResizeObserver | null = null;
  private lastSize = { cols: 0, rows: 0 };

  constructor(
    private readonly client: Client,
    readonly options: TerminalOptions,
    private readonly changed: () => void,
    private readonly saved?: SavedTerminal,
  ) {
    this.key = saved?.key ?? crypto.randomUUID();
    this.host = document.createElement('div');
    this.host.className = 'terminal-host';
    listenForInput();
    this.term = new Terminal({
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
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    // Links open in a new window without access to this one; never navigate the app.
    this.term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    this.term.attachCustomKeyEventHandler((event) => platformCopyPaste(event, this.term));
    this.term.onData((data) => this.send(data));
    this.term.onBinary((data) => this.send(data, true));
    this.snapshotValue = {
      key: this.key,
      options,
      status: 'opening',
      session: null,
      exit: null,
      error: null,
      renderer: 'dom',
    };
  }

  get snapshot(): TerminalSnapshot {
    return this.snapshotValue;
  }

  /** Opens the session, or reattaches the saved one; once. Output drawn before the screen is shown waits in xterm. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.saved) void this.reattach(this.saved.sessionId);
    else void this.connect();
  }

  /** The session a page before the reload had, until this one reattaches to it. */
  get savedSessionId(): string | undefined {
    return this.saved?.sessionId;
  }

  private update(patch: Partial<TerminalSnapshot>) {
    this.snapshotValue = { ...this.snapshotValue, ...patch };
    this.changed();
  }

  /** Shows the terminal inside `parent`, opening the session the first time. */
  mount(parent: HTMLElement): void {
    parent.append(this.host);
    if (!this.opened) {
      this.opened = true;
      this.term.open(this.host);
      this.loadWebgl();
      this.fitNow();
      this.start();
    } else {
      this.fitNow();
    }
    this.observer?.disconnect();
    this.observer = new ResizeObserver(() => this.scheduleFit());
    this.observer.observe(parent);
  }

  unmount(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.host.remove();
  }

  focus(): void {
    this.term.focus();
  }

  private loadWebgl() {
    const preference = localStorage.getItem(RENDERER_PREFERENCE_KEY);
    if (preference === 'dom' || (preference !== 'webgl' && !hasHardwareWebgl())) return;
    try {
      const webgl = new WebglAddon();
      // A lost context (GPU reset, too many contexts) falls back to the DOM renderer.
      webgl.onContextLoss(() => {
        webgl.dispose();
        this.update({ renderer: 'dom' });
      });
      this.term.loadAddon(webgl);
      this.update({ renderer: 'webgl' });
    } catch {
      this.update({ renderer: 'dom' });
    }
  }

  private scheduleFit() {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.fitNow(), RESIZE_DEBOUNCE_MS);
  }

  private fitNow() {
    if (!this.host.isConnected || this.host.clientWidth === 0) return;
    this.fit.fit();
    const { cols, rows } = this.term;
    if (cols === this.lastSize.cols && rows === this.lastSize.rows) return;
    this.lastSize = { cols, rows };
    const session = this.snapshotValue.session;
    if (session && this.snapshotValue.status === 'open') {
      this.client.request('terminal.resize', { id: session.id, cols, rows }).catch(() => {});
    }
  }

  /** Opens a session (first time, or again after it ended) and follows its output. */
  async connect(): Promise<void> {
    this.stopOutput?.();
    this.stopOutput = null;
    const o = this.options;
    // Reconnecting keeps the old screen above a marked line.
    if (this.snapshotValue.session) this.term.write('\r\n\x1b[2m──── reconnecting ────\x1b[0m\r\n');
    this.update({ status: 'opening', exit: null, error: null });
    try {
      const session = await this.client.request('terminal.open', {
        container: o.containerId,
        mode: o.mode,
        cols: Math.max(2, this.term.cols),
        rows: Math.max(1, this.term.rows),
        ...(o.command ? { command: o.command } : {}),
        ...(o.user ? { user: o.user } : {}),
        ...(o.workdir ? { workdir: o.workdir } : {}),
      });
      this.lastSize = { cols: this.term.cols, rows: this.term.rows };
      this.follow(session);
      if (o.mode === 'attach') this.term.focus();
    } catch (error) {
      this.failed(error);
    }
  }

  /** After a reload: the session this page had, its recent output redrawn, then followed. */
  private async reattach(id: string): Promise<void> {
    this.update({ status: 'opening', exit: null, error: null });
    try {
      const { session, text } = await this.client.request('terminal.replay', { id });
      if (text !== '') this.term.write(text);
      this.follow(session);
      this.lastSize = { cols: this.term.cols, rows: this.term.rows };
      // The screen may have another size than the one the session had.
      this.client.request('terminal.resize', { id, cols: Math.max(2, this.term.cols), rows: Math.max(1, this.term.rows) }).catch(() => {});
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown) {
    const e = error instanceof ApiError ? error : new ApiError({ code: 'internal', message: String(error) });
    this.update({ status: 'failed', error: { message: e.message, ...(e.hint ? { hint: e.hint } : {}) } });
  }

  private follow(session: TerminalSession) {
    this.update({ status: 'open', session });
    const pump = createOutputPump({
      write: (data, done) => this.term.write(data, done),
      ack: (bytes) => {
        this.client.request('terminal.ack', { id: session.id, bytes }).catch(() => {});
      },
      budgetMs: () => {
        const typing = performance.now() - lastInputAt < INPUT_PRIORITY_MS;
        if (!this.host.isConnected || document.visibilityState !== 'visible') return typing ? PIECE_MS.hold : PIECE_MS.interactive;
        return typing ? PIECE_MS.interactive : PIECE_MS.bulk;
      },
    });
    const stop = this.client.subscribe(
      'terminal.output',
      { id: session.id },
      (event) => {
        if (event.type === 'data') {
          pump.push(event.data);
        } else {
          this.update({ status: 'ended', exit: event });
        }
      },
      (error) => {
        if (this.snapshotValue.session?.id !== session.id || this.snapshotValue.status !== 'open') return;
        // The runtime forgot the session (it restarted): the same as losing the engine.
        this.update({
          status: 'ended',
          exit: { type: 'exit', reason: 'engine-lost' },
          ...(error ? { error: { message: error.message } } : {}),
        });
      },
    );
    // What arrived and was not drawn yet still goes to the screen, before anything written after.
    this.stopOutput = () => {
      stop();
      pump.flush();
    };
  }

  private send(data: string, binary = false) {
    const { session, status } = this.snapshotValue;
    if (!session || status !== 'open') return;
    for (let i = 0; i < data.length; i += INPUT_CHUNK) {
      const piece = data.slice(i, i + INPUT_CHUNK);
      this.client.request('terminal.input', { id: session.id, data: piece, ...(binary ? { binary: true as const } : {}) }).catch(() => {});
    }
  }

  /** Ends the session: exec closes the shell, attach detaches (the container keeps running). */
  async detach(): Promise<void> {
    const session = this.snapshotValue.session;
    if (session && this.snapshotValue.status === 'open') {
      await this.client.request('terminal.close', { id: session.id }).catch(() => {});
    }
  }

  dispose(): void {
    void this.detach();
    this.stopOutput?.();
    this.stopOutput = null;
    clearTimeout(this.resizeTimer);
    this.unmount();
    this.term.dispose();
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

/** Every open terminal, in the order opened; a store React reads with useSyncExternalStore. */
class Registry {
  private entries: TerminalEntry[] = [];
  private snapshots: readonly TerminalSnapshot[] = [];
  private readonly listeners = new Set<() => void>();
  /** Container id → key of the terminal its Terminal tab shows. */
  private readonly panels = new Map<string, string>();
  private restored = false;

  private changed = () => {
    this.snapshots = this.entries.map((e) => e.snapshot);
    this.save();
    for (const listener of [...this.listeners]) listener();
  };

  open(client: Client, options: TerminalOptions): TerminalEntry {
    const entry = new TerminalEntry(client, options, this.changed);
    this.entries = [...this.entries, entry];
    this.changed();
    return entry;
  }

  /** Once per page: the terminals open before a reload, reattached as they are shown. */
  restore(client: Client): void {
    if (this.restored) return;
    this.restored = true;
    const restored = readSaved().map((saved) => {
      if (saved.panel) this.panels.set(saved.options.containerId, saved.key);
      return new TerminalEntry(client, saved.options, this.changed, saved);
    });
    if (restored.length === 0) return;
    this.entries = [...this.entries, ...restored];
    this.changed();
    // At once, not when shown: a session nobody listens to is closed after a while.
    for (const entry of restored) entry.start();
  }

  get(key: string): TerminalEntry | undefined {
    return this.entries.find((e) => e.key === key);
  }

  panelKey(containerId: string): string | undefined {
    return this.panels.get(containerId);
  }

  setPanel(containerId: string, key: string): void {
    this.panels.set(containerId, key);
    this.save();
  }

  close(key: string): void {
    const entry = this.get(key);
    if (!entry) return;
    this.entries = this.entries.filter((e) => e !== entry);
    entry.dispose();
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly TerminalSnapshot[] => this.snapshots;

  private save() {
    const saved: SavedTerminal[] = [];
    for (const e of this.entries) {
      const { session, status } = e.snapshot;
      // A saved one not shown since the reload is still waiting to reattach: keep it.
      const sessionId = session?.id ?? (status === 'opening' ? e.savedSessionId : undefined);
      if (sessionId === undefined || status === 'ended' || status === 'failed') continue;
      saved.push({ key: e.key, options: e.options, sessionId, panel: this.panels.get(e.options.containerId) === e.key });
    }
    try {
      sessionStorage.setItem(SAVED_KEY, JSON.stringify(saved));
    } catch {
      // Storage full or refused: a reload then starts without terminals, as before.
    }
  }
}

function readSaved(): SavedTerminal[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(SAVED_KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value.filter(
      (v): v is SavedTerminal =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SavedTerminal).key === 'string' &&
        typeof (v as SavedTerminal).sessionId === 'string' &&
        typeof (v as SavedTerminal).options?.containerId === 'string' &&
        ((v as SavedTerminal).options.mode === 'exec' || (v as SavedTerminal).options.mode === 'attach'),
    );
  } catch {
    return [];
  }
}

export const terminals = new Registry();
