// Open terminals, kept outside React: each terminal (terminal-entry.ts) and
// its session live here, so a terminal keeps its screen and its shell while
// the user is on another page; a view only lends it a place in the DOM
// (mount/unmount). Open sessions are also noted in sessionStorage: after a
// reload of the page each is reattached (the runtime keeps a session for a
// while without a screen) and its recent output redrawn.
import type { Client } from '../../api/client';
import {
  TerminalEntry,
  isHost,
  type SavedTerminal,
  type TerminalOptions,
  type TerminalSnapshot,
} from './terminal-entry';

/** sessionStorage key: the open sessions, to reattach after a reload. */
const SAVED_KEY = 'wharf.terminals';

/** The panel slot of the shell on this machine (container slots are container ids, 64 hex digits). */
export const HOST_SLOT = 'host';

/** Which panel a terminal can be shown in: its container's Terminal tab, or the machine's shell panel. */
const slotOf = (o: TerminalOptions): string => (isHost(o) ? HOST_SLOT : o.containerId);

/** Every open terminal, in the order opened; a store React reads with useSyncExternalStore. */
class Registry {
  private entries: TerminalEntry[] = [];
  private snapshots: readonly TerminalSnapshot[] = [];
  private readonly listeners = new Set<() => void>();
  /** Slot (container id, or HOST_SLOT) → key of the terminal its panel shows. */
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
      if (saved.panel) this.panels.set(slotOf(saved.options), saved.key);
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

  panelKey(slot: string): string | undefined {
    return this.panels.get(slot);
  }

  setPanel(slot: string, key: string): void {
    this.panels.set(slot, key);
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
      saved.push({
        key: e.key,
        options: e.options,
        sessionId,
        panel: this.panels.get(slotOf(e.options)) === e.key,
      });
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
        validOptions((v as SavedTerminal).options),
    );
  } catch {
    return [];
  }
}

function validOptions(o: unknown): o is TerminalOptions {
  if (typeof o !== 'object' || o === null) return false;
  const options = o as Partial<Record<string, unknown>>;
  if (options.kind === 'host') return true;
  return typeof options.containerId === 'string' && (options.mode === 'exec' || options.mode === 'attach');
}

export const terminals = new Registry();
