import { describe, expect, it } from 'vitest';
import { displayVolumeName, isAnonymousVolume } from './volume-name';

const hex = '14efaa7404bd21de4c624484847bd2e5a0f3c3d4f1e2d3c4b5a6978869504132';

describe('volume names', () => {
  it('recognises the engine-made 64-hex names as anonymous and shortens them', () => {
    expect(isAnonymousVolume(hex)).toBe(true);
    expect(displayVolumeName(hex)).toBe('14efaa7404bd');
  });

  it('leaves named volumes whole, even hex-looking ones of another length', () => {
    expect(isAnonymousVolume('shop-data')).toBe(false);
    expect(displayVolumeName('shop-data')).toBe('shop-data');
    expect(isAnonymousVolume(hex.slice(0, 63))).toBe(false);
    expect(isAnonymousVolume(hex.toUpperCase())).toBe(false);
  });
});
