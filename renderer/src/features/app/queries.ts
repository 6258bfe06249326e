// The app's version and update status (app.info).
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';

export const appKeys = {
  all: ['app'] as const,
  info: () => [...appKeys.all, 'info'] as const,
};

export function useAppInfo() {
  const client = useClient();
  return useQuery({ queryKey: appKeys.info(), queryFn: () => client.request('app.info', {}) });
}
