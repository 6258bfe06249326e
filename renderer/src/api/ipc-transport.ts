// Electron: the preload exposes a Transport as window.wharf (contextBridge).
import type { Transport } from '../../../runtime/api/protocol';

declare global {
  interface Window {
    wharf?: Transport;
  }
}

export function ipcTransport(): Transport | undefined {
  return window.wharf;
}
