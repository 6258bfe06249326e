// UI state only (never engine data): language, theme, filters, selection,
// actions in progress, the last error shown, and recent commands.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ContainerAction } from '../../../runtime/domains/containers/types';
import type { PlainError } from '../../../runtime/api/types';

export type Language = 'en' | 'ko';
export type ThemeChoice = 'system' | 'light' | 'dark';

export function initialLanguage(languages: readonly string[]): Language {
  return languages[0]?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export interface ActionFailure {
  /** The command that failed, e.g. "docker stop web". */
  command: string;
  errors: (PlainError & { name?: string })[];
}

interface UiState {
  language: Language;
  theme: ThemeChoice;
  containerFilter: string;
  /** Selected container ids. */
  selected: Record<string, true>;
  /** Containers with an action in progress, and which. */
  busy: Record<string, ContainerAction>;
  failure: ActionFailure | null;
  recentCommands: string[];

  setLanguage(language: Language): void;
  setTheme(theme: ThemeChoice): void;
  setContainerFilter: (filter: string) => void;
  setSelected(ids: readonly string[], selected: boolean): void;
  clearSelection(): void;
  setBusy(ids: readonly string[], action: ContainerAction | null): void;
  setFailure(failure: ActionFailure | null): void;
  pushCommand(command: string): void;
}

const MAX_COMMANDS = 20;

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: initialLanguage(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])),
      theme: 'system',
      containerFilter: '',
      selected: {},
      busy: {},
      failure: null,
      recentCommands: [],

      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
      setContainerFilter: (containerFilter) => set({ containerFilter }),
      setSelected: (ids, on) =>
        set((s) => {
          const selected = { ...s.selected };
          for (const id of ids) {
            if (on) selected[id] = true;
            else delete selected[id];
          }
          return { selected };
        }),
      clearSelection: () => set({ selected: {} }),
      setBusy: (ids, action) =>
        set((s) => {
          const busy = { ...s.busy };
          for (const id of ids) {
            if (action) busy[id] = action;
            else delete busy[id];
          }
          return { busy };
        }),
      setFailure: (failure) => set({ failure }),
      pushCommand: (command) =>
        set((s) => ({
          recentCommands: [command, ...s.recentCommands.filter((c) => c !== command)].slice(0, MAX_COMMANDS),
        })),
    }),
    {
      name: 'wharf.ui',
      storage: createJSONStorage(() => localStorage),
      // Only preferences survive a reload.
      partialize: (s) => ({ language: s.language, theme: s.theme }),
    },
  ),
);
