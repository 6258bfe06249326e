import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../lib/useHashRoute';
import { linkHref } from './links';

describe('linkHref', () => {
  it('opens the page a link names, its name as one address part', () => {
    expect(linkHref({ route: 'containers', id: 'web-1' })).toBe('#/containers/web-1');
    expect(linkHref({ route: 'volumes' })).toBe('#/volumes');
    const image = linkHref({ route: 'images', id: 'ghcr.io/acme/api:2' });
    expect(parseLocation(image)).toMatchObject({ page: 'images', params: ['ghcr.io/acme/api:2'] });
    expect(parseLocation(linkHref({ route: 'volumes', id: 'pg.data' }))).toMatchObject({
      page: 'volumes',
      params: ['pg.data'],
    });
  });
});
