// The hash router: #/<page>[/<param>…][?query]. The page names the sidebar
// entry (and the screen when there are no params); params address something
// inside it, e.g. #/containers/<id>/logs. Unknown pages fall back to the
// first feature's page (the containers list), so an old or mistyped link
// still lands somewhere useful.
import { useEffect, useState } from 'react';
import { FEATURES, HOME_ROUTE, type Route } from '../features';

export type { Route };

/** Pages with an address of their own: one per feature in features/index.ts. */
const isRoute = (name: string): name is Route => FEATURES.some((f) => f.route === name);

export interface HashLocation {
  page: Route;
  /** Decoded path segments after the page, e.g. [id, 'logs']. */
  params: readonly string[];
  query: URLSearchParams;
}

export function parseLocation(hash: string): HashLocation {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const [name = '', ...rest] = path.split('/');
  if (!isRoute(name)) return { page: HOME_ROUTE, params: [], query };
  const params = rest.filter((s) => s !== '').map(safeDecode);
  return { page: name, params, query };
}

export function parseRoute(hash: string): Route {
  return parseLocation(hash).page;
}

/** The href of a page and its params: hrefTo('containers', id, 'logs') → "#/containers/<id>/logs". */
export function hrefTo(page: Route, ...params: readonly string[]): string {
  return ['#', page, ...params.map(encodeURIComponent)].join('/');
}

/** Go to a page; `replace` keeps the current entry out of history (tab switches). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    // replaceState does not fire hashchange; tell the listeners ourselves.
    history.replaceState(history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function useHashLocation(): HashLocation {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  // Parsed per render from a string, so equal hashes give equal params.
  return parseLocation(hash);
}

/** The page alone (what the sidebar highlights). */
export function useHashRoute(): Route {
  return useHashLocation().page;
}
