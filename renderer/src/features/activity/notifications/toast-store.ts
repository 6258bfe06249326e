// The in-app notifications on screen (UI state only).
import { create } from 'zustand';
import type { Notice } from './notices';

export interface Toast extends Notice {
  id: number;
}

/** More than this and the oldest goes. */
const MAX_TOASTS = 5;

interface ToastState {
  toasts: Toast[];
  push(notice: Notice): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (notice) => set((s) => ({ toasts: [...s.toasts, { ...notice, id: next++ }].slice(-MAX_TOASTS) })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })),
}));
