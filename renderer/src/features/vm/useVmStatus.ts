// The engine VM's status, live from 'vm.watch' (progress, state, resource use).
import { useEffect, useState } from 'react';
import type { VmStatus } from '../../../../runtime/domains/vm/types';
import { useClient } from '../../api/ClientProvider';

const RESUBSCRIBE_MS = 2000;

export function useVmStatus(): VmStatus | undefined {
  const client = useClient();
  const [status, setStatus] = useState<VmStatus>();
  useEffect(() => {
    let stop = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe('vm.watch', {}, setStatus, () => (timer = setTimeout(watch, RESUBSCRIBE_MS)));
    };
    watch();
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [client]);
  return status;
}
