// The feature list the router, the sidebar and App read.
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources';
import { parseLocation } from '../lib/useHashRoute';
import { FEATURES, HOME_ROUTE } from '.';

type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

describe('FEATURES', () => {
  it('gives each feature its own address, the containers list first', () => {
    const routes = FEATURES.map((f) => f.route);
    expect(new Set(routes).size).toBe(routes.length);
    expect(HOME_ROUTE).toBe('containers');
  });

  it('names every sidebar entry in English and Korean', () => {
    for (const f of FEATURES) {
      expect(typeof lookup(resources.en.translation, f.nav.labelKey), `${f.route}: ${f.nav.labelKey} in en`).toBe(
        'string',
      );
      expect(typeof lookup(resources.ko.translation, f.nav.labelKey), `${f.route}: ${f.nav.labelKey} in ko`).toBe(
        'string',
      );
    }
  });

  it('routes every feature’s address to it, and an unknown one to the first', () => {
    for (const f of FEATURES) expect(parseLocation(`#/${f.route}/x`).page).toBe(f.route);
    expect(parseLocation('#/nowhere').page).toBe(FEATURES[0].route);
  });
});
