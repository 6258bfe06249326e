// The language chosen in the page is kept in the runtime's settings too, so
// the desktop app's tray, dialogs and notifications speak it as well.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../../api/ClientProvider';
import { useUi } from '../../state/ui-store';
import { engineKeys, useRuntimeSettings } from '../engine/queries';

export function useLanguageInSettings(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useUi((s) => s.language);
  const settings = useRuntimeSettings({ staleTime: Infinity });
  const loaded = settings.data !== undefined;
  const stored = settings.data?.language;
  useEffect(() => {
    if (!loaded || stored === language) return;
    client
      .request('settings.update', { language })
      .then((next) => queryClient.setQueryData(engineKeys.settings(), next))
      // Not kept: the shell goes on with the system's language; the page is unaffected.
      .catch(() => undefined);
  }, [client, queryClient, language, loaded, stored]);
}
