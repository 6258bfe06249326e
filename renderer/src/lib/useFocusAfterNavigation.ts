// Where the keyboard's focus goes when the address changes. A link or button
// that took the user to another page has usually gone with the old page, and
// the browser then drops the focus to the top of the document (the next Tab
// started again at the sidebar). The new page's heading takes it instead, so
// Tab goes on into the page and a screen reader reads where the user is.
// A focus that survived the change (a sidebar link, a tab) stays where it is.
import { useEffect, useRef } from 'react';

/** How long a new page may take to draw its heading (its code or its data loading). */
const WAIT_MS = 5000;

/** Makes `el` focusable from script only (not a stop of its own in the Tab order) and focuses it. */
function focusQuietly(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
}

/** The heading drawn in `main` (the old page may linger there, hidden, while the new one loads). */
function headingOf(main: HTMLElement): HTMLElement | undefined {
  return [...main.querySelectorAll<HTMLElement>('h1')].find((h) => h.getClientRects().length > 0);
}

/** The page's heading, else the main region, takes the focus (Skip to the page). */
export function focusMain(): void {
  const main = document.getElementById('main');
  const target = main && (headingOf(main) ?? main);
  if (target) focusQuietly(target);
}

type Focused = Pick<Element, 'isConnected' | 'getClientRects'>;

/** True when nothing usable has the focus: the document, or an element removed or no longer drawn. */
export function focusWasLost(active: Focused | null, body: Focused | null): boolean {
  return active === null || active === body || !active.isConnected || active.getClientRects().length === 0;
}

/**
 * Until the new page has drawn its heading: a focus that is lost goes to the
 * heading (or, while there is none yet, to the main region, then on to the
 * heading). The element that had the focus may stay drawn for a moment (the
 * old page shows while the new one loads): it is watched until it goes. Stops
 * once the focus is somewhere else.
 */
function followNavigation(main: HTMLElement): () => void {
  const origin = document.activeElement;
  const check = () => {
    const active = document.activeElement;
    const heading = headingOf(main);
    if (!focusWasLost(active, document.body) && active !== main) {
      if (active !== origin) stop();
      return;
    }
    if (heading) {
      focusQuietly(heading);
      if (document.activeElement === heading) stop();
    } else if (active !== main) focusQuietly(main);
  };
  let frame = requestAnimationFrame(check);
  const later = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(check);
  };
  const observer = new MutationObserver(later);
  observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
  document.addEventListener('focusout', later);
  const timer = setTimeout(() => stop(), WAIT_MS);
  function stop() {
    cancelAnimationFrame(frame);
    observer.disconnect();
    document.removeEventListener('focusout', later);
    clearTimeout(timer);
  }
  return stop;
}

export function useFocusAfterNavigation(address: string): void {
  // The first page of a load keeps the browser's start (Tab then reaches Skip to the page first).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    return main ? followNavigation(main) : undefined;
  }, [address]);
}
