// One open terminal: its xterm.js screen and its session in the runtime
// (opened, reattached after a reload, followed, resized, typed into, ended):
// in a container, or a shell on this machine (session-channel.ts).
import type { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import type { TerminalMode } from '../../../../runtime/domains/terminal/contract';
import type { Client } from '../../api/client';
import { ApiError } from '../../../../runtime/api/errors';
import { listenForInput, outputBudgetMs } from './input-priority';
import { mayTakeFocus } from './keys';
import { createOutputPump } from './output-pump';
import { createScreen, loadWebgl } from './terminal-screen';
import { type AnyExit, type AnySession, type SessionChannel, containerChannel, hostChannel } from './session-channel';

/** A terminal in a container. */
export interface ContainerTerminalOptions {
  kind?: 'container';
  containerId: string;
  containerName: string;
  mode: TerminalMode;
  /** exec: argv; undefined: bash or sh, as the container has. */
  command?: string[];
  user?: string;
  workdir?: string;
}

/** The shell on the machine Wharf runs on. */
export interface HostShellOptions {
  kind: 'host';
}

export type TerminalOptions = ContainerTerminalOptions | HostShellOptions;

export const isHost = (o: TerminalOptions): o is HostShellOptions => o.kind === 'host';

export type TerminalStatus = 'opening' | 'open' | 'ended' | 'failed';

export interface TerminalSnapshot {
  readonly key: string;
  readonly options: TerminalOptions;
  readonly status: TerminalStatus;
  readonly session: AnySession | null;
  readonly exit: AnyExit | null;
  readonly error: { message: string; hint?: string } | null;
  readonly renderer: 'webgl' | 'dom';
}

/** Largest input message: a long paste goes in pieces. */
const INPUT_CHUNK = 64 * 1024;
const RESIZE_DEBOUNCE_MS = 60;

/** A session noted in sessionStorage, to reattach after a reload of the page. */
export interface SavedTerminal {
  key: string;
  options: TerminalOptions;
  sessionId: string;
  /** The terminal of its container's Terminal tab. */
  panel: boolean;
}

export class TerminalEntry {
  readonly key: string;
  readonly term: Terminal;
  readonly search: SearchAddon;
  private readonly fit: FitAddon;
  private readonly host: HTMLDivElement;
  private opened = false;
  private started = false;
  private snapshotValue: TerminalSnapshot;
  private stopOutput: (() => void) | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: ResizeObserver | null = null;
  private lastSize = { cols: 0, rows: 0 };
  private readonly channel: SessionChannel;

  constructor(
    private readonly client: Client,
    readonly options: TerminalOptions,
    private readonly changed: () => void,
    private readonly saved?: SavedTerminal,
  ) {
    this.key = saved?.key ?? crypto.randomUUID();
    this.channel = isHost(options)
      ? hostChannel(client)
      : containerChannel(client, {
          container: options.containerId,
          mode: options.mode,
          ...(options.command ? { command: options.command } : {}),
          ...(options.user ? { user: options.user } : {}),
          ...(options.workdir ? { workdir: options.workdir } : {}),
        });
    this.host = document.createElement('div');
    this.host.className = 'terminal-host';
    listenForInput();
    const screen = createScreen();
    this.term = screen.term;
    this.fit = screen.fit;
    this.search = screen.search;
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
      loadWebgl(this.term, (renderer) => this.update({ renderer }));
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

  /** Focuses the terminal unless the keyboard is moving along a tablist. */
  focusIfFree(): void {
    if (mayTakeFocus(document.activeElement)) this.term.focus();
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
      this.channel.resize(session.id, cols, rows).catch(() => {});
    }
  }

  /** Opens a session (first time, or again after it ended) and follows its output. */
  async connect(): Promise<void> {
    this.stopOutput?.();
    this.stopOutput = null;
    // Reconnecting keeps the old screen above a marked line.
    if (this.snapshotValue.session) this.term.write('\r\n\x1b[2m──── reconnecting ────\x1b[0m\r\n');
    this.update({ status: 'opening', exit: null, error: null });
    try {
      const session = await this.channel.open({
        cols: Math.max(2, this.term.cols),
        rows: Math.max(1, this.term.rows),
      });
      this.lastSize = { cols: this.term.cols, rows: this.term.rows };
      this.follow(session);
      if (isHost(this.options) || this.options.mode === 'attach') this.focusIfFree();
    } catch (error) {
      this.failed(error);
    }
  }

  /** After a reload: the session this page had, its recent output redrawn, then followed. */
  private async reattach(id: string): Promise<void> {
    this.update({ status: 'opening', exit: null, error: null });
    try {
      const { session, text } = await this.channel.replay(id);
      if (text !== '') this.term.write(text);
      this.follow(session);
      this.lastSize = { cols: this.term.cols, rows: this.term.rows };
      // The screen may have another size than the one the session had.
      this.channel.resize(id, Math.max(2, this.term.cols), Math.max(1, this.term.rows)).catch(() => {});
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown) {
    const e = error instanceof ApiError ? error : new ApiError({ code: 'internal', message: String(error) });
    this.update({ status: 'failed', error: { message: e.message, ...(e.hint ? { hint: e.hint } : {}) } });
  }

  private follow(session: AnySession) {
    this.update({ status: 'open', session });
    const pump = createOutputPump({
      write: (data, done) => this.term.write(data, done),
      ack: (bytes) => {
        this.channel.ack(session.id, bytes).catch(() => {});
      },
      budgetMs: () => outputBudgetMs(this.host.isConnected),
    });
    const stop = this.channel.output(
      session.id,
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
      this.channel.input(session.id, piece, binary).catch(() => {});
    }
  }

  /** Ends the session: exec closes the shell, attach detaches (the container keeps running). */
  async detach(): Promise<void> {
    const session = this.snapshotValue.session;
    if (session && this.snapshotValue.status === 'open') {
      await this.channel.close(session.id).catch(() => {});
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
