// UI state only: which lesson the coach follows on the other pages (set by
// "Do it in Wharf"), and whether the learner closed it. It survives a reload
// of the tab, not a new one.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface CoachState {
  lessonId: string | null;
  dismissed: boolean;
  /** The coach takes the focus when it next appears (after "Do it in Wharf"), so the keyboard goes on from it. */
  focus: boolean;
  /** Follow this lesson on every page (shows the coach again if it was closed). */
  follow: (lessonId: string) => void;
  dismiss: () => void;
  /** Stop coaching (the lesson was reset, or the learner left it). */
  stop: () => void;
  focused: () => void;
}

export const useCoach = create<CoachState>()(
  persist(
    (set) => ({
      lessonId: null,
      dismissed: false,
      focus: false,
      follow: (lessonId) => set({ lessonId, dismissed: false, focus: true }),
      focused: () => set({ focus: false }),
      dismiss: () => set({ dismissed: true }),
      stop: () => set({ lessonId: null, dismissed: false }),
    }),
    {
      name: 'wharf.coach',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ lessonId: s.lessonId, dismissed: s.dismissed }),
    },
  ),
);
