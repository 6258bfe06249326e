// wharf:// links the desktop app was opened with: the runtime hands each one
// over (app.openLink) as a page to show, already checked by the shell.
import { useEffect } from 'react';
import type { AppLink } from '../../../../runtime/domains/app/types';
import { useClient } from '../../api/ClientProvider';
import { hrefTo, navigate } from '../../lib/useHashRoute';

const RESUBSCRIBE_MS = 2000;

/** The page a link opens: "#/containers/web-1", "#/images/ghcr.io%2Facme%2Fapi%3A2", "#/volumes". */
export function linkHref(link: AppLink): string {
  return link.id === undefined ? hrefTo(link.route) : hrefTo(link.route, link.id);
}

/** Goes to the page of each link the system opens Wharf with. */
export function useOpenLinks(): void {
  const client = useClient();
  useEffect(() => {
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe(
        'app.openLink',
        {},
        (link) => navigate(linkHref(link)),
        () => (timer = setTimeout(watch, RESUBSCRIBE_MS)),
      );
    };
    watch();
    return () => {
      stop?.();
      clearTimeout(timer);
    };
  }, [client]);
}
