// The app's version and update status (app.info).
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';

/** How often a running update check's status is read again. */
const CHECKING_REFRESH_MS = 1500;

export const appKeys = {
  all: ['app'] as const,
  info: () => [...appKeys.all, 'info'] as const,
};

export function useAppInfo() {
  const client = useClient();
  return useQuery({
    queryKey: appKeys.info(),
    queryFn: () => client.request('app.info', {}),
    // A check the runtime started (the switch just turned on, or at start) is read again until it is done.
    refetchInterval: (query) => (query.state.data?.updates.checking ? CHECKING_REFRESH_MS : false),
  });
}
