// Whether the keyboard's focus can be seen: run in the page with page.evaluate(focusUnseen).

/**
 * Null when the focused element shows a focus indicator (an outline, or its
 * own ring as a box-shadow), or when a drawn ancestor shows one for it (a
 * control drawn by its container: a terminal, a segmented radio); else what
 * the focused element is. An indicator counts only where it is drawn: on a
 * box of at least 4 × 4 pixels in the window, not transparent.
 */
export function focusUnseen(): string | null {
  const focused = document.activeElement;
  if (focused === null || focused === document.body) return null;
  const drawn = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4 || r.right <= 0 || r.bottom <= 0) return false;
    if (r.left >= window.innerWidth || r.top >= window.innerHeight) return false;
    for (let e: Element | null = el; e !== null; e = e.parentElement) {
      if (getComputedStyle(e).opacity === '0') return false;
    }
    return true;
  };
  let el: Element | null = focused;
  for (let depth = 0; el !== null && el !== document.body && depth < 8; depth++, el = el.parentElement) {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const ring = depth === 0 && style.boxShadow !== 'none';
    if ((outline || ring) && drawn(el)) return null;
  }
  return focused.outerHTML.slice(0, 160);
}
