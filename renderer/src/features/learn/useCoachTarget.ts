// Points at the element a step names (`data-learn="…"`): marks it with
// `data-coach-target` (learn.css outlines and pulses it, still where the
// learner asked for less motion) and scrolls it into view once. Pages draw
// their lists after loading, so it looks again when the page changes.
import { useEffect } from 'react';
import { itemsOf, pickTarget } from './coach-target';

export const COACH_ATTRIBUTE = 'data-coach-target';

export function useCoachTarget(target: string | undefined, command: string): void {
  useEffect(() => {
    if (target === undefined) return;
    let marked: HTMLElement | null = null;
    let scrolledTo: HTMLElement | null = null;
    let frame = 0;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const apply = () => {
      frame = 0;
      const all = [...document.querySelectorAll<HTMLElement>(`[data-learn="${CSS.escape(target)}"]`)];
      const index = pickTarget(
        all.map((el) => ({
          items: itemsOf(el.closest('[data-learn-item]')?.getAttribute('data-learn-item') ?? null),
          visible: el.getClientRects().length > 0,
        })),
        command,
      );
      const el = all[index] ?? null;
      if (el !== marked) {
        marked?.removeAttribute(COACH_ATTRIBUTE);
        el?.setAttribute(COACH_ATTRIBUTE, target);
        marked = el;
      }
      if (el && el !== scrolledTo) {
        scrolledTo = el;
        el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
      }
    };
    const observer = new MutationObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(apply);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    apply();
    return () => {
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      marked?.removeAttribute(COACH_ATTRIBUTE);
    };
  }, [target, command]);
}
