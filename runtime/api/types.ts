// Data shapes more than one domain uses. Pure types: no Node, no DOM.
// Each domain's own shapes are in runtime/domains/<domain>/types.ts.

export interface PlainError {
  /** What went wrong, in plain words (often the engine's own message). */
  message: string;
  /** What the user can do about it, when we know. */
  hint?: string;
  /**
   * Stable name of a message Wharf wrote itself (e.g. "engine.socketMissing"), so
   * the UI can show it in its own language; message stays the English text.
   */
  key?: string;
  /** Values the keyed message names; `reason` holds the engine's own text, when there is one. */
  params?: Record<string, string>;
}
