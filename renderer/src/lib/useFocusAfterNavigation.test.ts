import { describe, expect, it } from 'vitest';
import { focusWasLost } from './useFocusAfterNavigation';

const element = (connected: boolean, boxes: number) => ({
  isConnected: connected,
  getClientRects: () => ({ length: boxes }) as DOMRectList,
});

describe('focus after navigation', () => {
  const body = element(true, 1);

  it('takes over a focus that fell to the document, or stayed on what went away or was hidden', () => {
    expect(focusWasLost(null, body)).toBe(true);
    expect(focusWasLost(body, body)).toBe(true);
    expect(focusWasLost(element(false, 0), body)).toBe(true);
    expect(focusWasLost(element(true, 0), body)).toBe(true);
  });

  it('leaves a focus that is still on something drawn', () => {
    expect(focusWasLost(element(true, 1), body)).toBe(false);
  });
});
