// Duplicate: the run form opened filled from an existing container
// (#/run?from=<container>). The runtime reads the container's `docker
// inspect` into the form (run.fromContainer); this says whose copy it is and
// what the form cannot carry over.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunForm } from '../../../../runtime/domains/run/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { runKeys } from './queries';

export function DuplicateNotice({ from, onFill }: { from: string; onFill: (form: RunForm) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const copy = useQuery({
    queryKey: runKeys.copyOf(from),
    queryFn: () => client.request('run.fromContainer', { id: from }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  // Filled once: what the user types afterwards is theirs.
  const filled = useRef(false);
  useEffect(() => {
    if (copy.data === undefined || filled.current) return;
    filled.current = true;
    onFill(copy.data.form);
  }, [copy.data, onFill]);

  if (copy.error) {
    return (
      <ErrorAlert title={t('run.duplicate.failed', { name: from })} messages={[{ message: copy.error.message }]} />
    );
  }
  if (copy.data === undefined) {
    return (
      <p className="muted" aria-busy="true">
        <Spinner size={14} /> {t('run.duplicate.loading', { name: from })}
      </p>
    );
  }
  const { original, notCopied } = copy.data;
  return (
    <div className="run-card run-duplicate" role="status" data-testid="duplicate-notice">
      <p>{t('run.duplicate.intro', { name: original })}</p>
      {notCopied.length > 0 && (
        <>
          <p className="muted small">{t('run.duplicate.notCopied')}</p>
          <ul className="mono small">
            {notCopied.map((f) => (
              <li key={f.flag}>
                {f.flag} {f.value}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
