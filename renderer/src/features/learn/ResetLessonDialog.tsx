// "Reset this lesson": first what it will remove, exactly (learn.leftovers),
// then the reset itself. Only what the lesson made goes; the progress is forgotten.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonLeftovers } from '../../../../runtime/domains/learn/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import type { ErrorLike } from '../../lib/localize-error';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { useCoach } from './coach-store';
import { leftoverGroups } from './leftovers';
import { learnKeys } from './queries';

export function LeftoverList({ leftovers, label }: { leftovers: LessonLeftovers; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="lesson-leftovers" aria-label={label}>
      {leftoverGroups(leftovers).flatMap((g) =>
        g.names.map((name) => (
          <li key={`${g.kind}:${name}`} data-testid="leftover" data-kind={g.kind} data-name={name}>
            <span className="muted">{t(`learn.reset.kind.${g.kind}`)}</span> <span className="mono">{name}</span>
          </li>
        )),
      )}
    </ul>
  );
}

export function ResetLessonDialog({
  lessonId,
  title,
  onDone,
  onCancel,
}: {
  lessonId: string;
  title: string;
  onDone: (removed: LessonLeftovers) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const locale = useUi((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorLike | null>(null);
  const leftovers = useQuery({
    queryKey: learnKeys.leftovers(lessonId),
    queryFn: () => client.request('learn.leftovers', { id: lessonId, locale }),
    staleTime: 0,
    gcTime: 0,
  });
  const nothing = leftovers.data !== undefined && leftoverGroups(leftovers.data).length === 0;

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const removed = await client.request('learn.reset', { id: lessonId, locale });
      if (useCoach.getState().lessonId === lessonId) useCoach.getState().stop();
      await queryClient.invalidateQueries({ queryKey: learnKeys.all });
      onDone(removed);
    } catch (e) {
      setError(toErrorLike(e));
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      title={t('learn.reset.title', { title })}
      action={busy ? t('learn.reset.resetting') : t('learn.reset.action')}
      tone="danger"
      focusAction={false}
      busy={busy}
      disabled={busy || leftovers.data === undefined}
      onAction={() => void reset()}
      onCancel={onCancel}
    >
      {leftovers.isPending && (
        <p className="notice" role="status">
          <Spinner size={14} />
          {t('learn.reset.looking')}
        </p>
      )}
      {leftovers.isError && (
        <ErrorAlert title={t('learn.reset.lookFailed')} messages={[toErrorLike(leftovers.error)]} />
      )}
      {leftovers.data && !nothing && (
        <>
          <p>{t('learn.reset.willRemove')}</p>
          <LeftoverList leftovers={leftovers.data} label={t('learn.reset.listLabel')} />
        </>
      )}
      {nothing && <p data-testid="reset-nothing-left">{t('learn.reset.nothingLeft')}</p>}
      <p className="muted">{t('learn.reset.progress')}</p>
      {error && <ErrorAlert title={t('learn.reset.failed')} messages={[error]} />}
    </ActionDialog>
  );
}
