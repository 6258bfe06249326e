import { useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../api/ClientProvider';
import { containerKeys } from '../features/containers/queries';
import { idleKey } from '../lib/query-keys';
import { useTooltip } from '../state/tooltip-store';

const TIP_ID = 'wharf-tooltip';

export function TooltipLayer() {
  const { t } = useTranslation();
  const client = useClient();
  const tip = useTooltip((s) => s.tip);
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const describe = tip?.describe;

  const command = useQuery({
    queryKey: describe
      ? containerKeys.describe(
          describe.action,
          describe.targets.map((x) => x.id),
          `${describe.removeVolumes ? 'v' : ''}${describe.force ? 'f' : ''}`,
        )
      : idleKey,
    queryFn: () => client.request('containers.describeAction', describe!),
    enabled: describe !== undefined,
    staleTime: Infinity,
    retry: false,
  });

  // The tip describes the element it is anchored to, while it shows.
  useEffect(() => {
    const anchor = tip?.anchor;
    if (!anchor) return;
    anchor.setAttribute('aria-describedby', TIP_ID);
    return () => anchor.removeAttribute('aria-describedby');
  }, [tip]);

  useEffect(() => {
    if (!tip) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useTooltip.getState().hide(tip.anchor);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tip]);

  useLayoutEffect(() => {
    if (!tip || !ref.current) {
      setPos(null);
      return;
    }
    if (!tip.anchor.isConnected) {
      useTooltip.getState().hide(tip.anchor);
      return;
    }
    const a = tip.anchor.getBoundingClientRect();
    // Measure at the left edge, where its natural width is not squeezed.
    ref.current.style.left = '0px';
    const box = ref.current.getBoundingClientRect();
    let left = a.left + a.width / 2 - box.width / 2;
    left = Math.max(8, Math.min(left, window.innerWidth - box.width - 8));
    let top = a.top - box.height - 8;
    if (top < 8) top = a.bottom + 8;
    setPos({ left, top });
  }, [tip, command.data]);

  if (!tip) return null;
  return (
    <div
      ref={ref}
      id={TIP_ID}
      role="tooltip"
      className={tip.prose ? 'tooltip tooltip-prose' : 'tooltip'}
      style={pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' }}
    >
      <span className="tooltip-label">{tip.label}</span>
      {describe && (
        <code className="tooltip-command">
          {command.data?.command ?? (command.isError ? t('common.commandUnavailable') : '…')}
        </code>
      )}
      {tip.command !== undefined && <code className="tooltip-command">{tip.command}</code>}
    </div>
  );
}
