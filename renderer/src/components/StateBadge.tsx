import { useTranslation } from 'react-i18next';
import type { ContainerState } from '../../../runtime/domains/containers/types';

const TONE: Record<ContainerState, string> = {
  running: 'green',
  exited: 'grey',
  paused: 'amber',
  created: 'blue',
  restarting: 'amber',
  removing: 'grey',
  dead: 'red',
};

export function StateBadge({ state }: { state: ContainerState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${TONE[state]}`}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`state.${state}`)}
    </span>
  );
}
