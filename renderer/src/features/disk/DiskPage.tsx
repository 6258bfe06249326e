// Where the disk went: the engine's disk usage by kind (what
// `docker system df -v` shows), the biggest items, what each thing is, and a
// clean-up with a preview.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DiskPruneResult } from '../../../../runtime/domains/disk/types';
import { CommandLine } from '../../components/CommandLine';
import { Explainer } from '../../components/Explainer';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes } from '../../lib/format';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { BiggestItems } from './BiggestItems';
import { CleanupDialog } from './CleanupDialog';
import { DiskOverview } from './DiskOverview';
import { useDiskUsage } from './queries';
import './disk.css';

const CONCEPTS = ['writableLayer', 'sharedSize', 'dangling', 'buildCache', 'stoppedContainer'] as const;

function PruneOutcome({ result, onDismiss }: { result: DiskPruneResult; onDismiss: () => void }) {
  const { t } = useTranslation();
  const localize = useLocalizeError();
  const failed = result.parts.flatMap((p) => p.failed);
  return (
    <div className="notice disk-outcome" role="status" data-testid="disk-outcome">
      <div>
        <p>
          <strong>{t('disk.reclaimed', { size: formatBytes(result.bytes) })}</strong>
        </p>
        <ul className="disk-outcome-list">
          {result.parts.map((p) => (
            <li key={p.kind}>
              {t(`disk.pruneKind.${p.kind}`)}: {t('disk.removedCount', { count: p.removed.length })}
              {p.bytes > 0 && ` · ${formatBytes(p.bytes)}`}
            </li>
          ))}
        </ul>
        {failed.length > 0 && (
          <>
            <p>{t('disk.keptCount', { count: failed.length })}</p>
            <ul className="disk-outcome-list">
              {failed.map((f) => (
                <li key={f.id}>
                  <span className="mono">{f.id.replace(/^sha256:/, '').slice(0, 12)}</span>: {localize(f.error).message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t('disk.dismiss')}
      </button>
    </div>
  );
}

export function DiskPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = useDiskUsage();
  const [cleaning, setCleaning] = useState(false);
  const [result, setResult] = useState<DiskPruneResult | null>(null);
  const usage = query.data;

  return (
    <section className="page disk-page" aria-labelledby="disk-title">
      <PageHeader id="disk-title" title={t('disk.title')}>
        <p className="muted">{t('disk.pageExplain')}</p>
        <div className="disk-toolbar">
          <button type="button" className="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? t('disk.measuring') : t('disk.refresh')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-learn="disk.prune"
            onClick={() => setCleaning(true)}
            disabled={!usage}
          >
            {t('disk.cleanup')}
          </button>
        </div>
        <CommandLine command={usage?.command ?? 'docker system df -v'} />
      </PageHeader>
      <ListStatus query={query} stale={stale} />
      {result && <PruneOutcome result={result} onDismiss={() => setResult(null)} />}
      {usage && (
        <>
          <DiskOverview usage={usage} />
          <div className="disk-concepts">
            {CONCEPTS.map((c) => (
              <Explainer key={c} title={t(`disk.concept.${c}.title`)}>
                <p>
                  <Trans i18nKey={`disk.concept.${c}.text`} shouldUnescape components={{ code: <code /> }} />
                </p>
              </Explainer>
            ))}
          </div>
          <BiggestItems usage={usage} />
        </>
      )}
      {cleaning && (
        <CleanupDialog
          podman={usage?.engine === 'podman'}
          onDone={(r) => {
            setCleaning(false);
            if (r) setResult(r);
          }}
        />
      )}
    </section>
  );
}
