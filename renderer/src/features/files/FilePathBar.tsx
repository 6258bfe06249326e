// The folder the browser shows, as breadcrumbs and a path to type, and what
// a user should know about how Wharf reaches these files.
import { useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';
import { crumbs } from './transfer';

export function FilePathBar({
  path,
  typedPath,
  onTyped,
  go,
}: {
  path: string;
  typedPath: string;
  onTyped: (path: string) => void;
  go: (path: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="file-toolbar">
      <nav className="breadcrumbs" aria-label={t('files.breadcrumbs')}>
        {crumbs(path).map((c, i, all) => (
          <span key={c.path} className="crumb">
            {i > 0 && i < all.length && <span className="crumb-sep">/</span>}
            {i === all.length - 1 ? (
              <span aria-current="location" className="mono">
                {c.name === '/' ? t('files.root') : c.name}
              </span>
            ) : (
              <button type="button" className="crumb-link mono" onClick={() => go(c.path)}>
                {c.name === '/' ? t('files.root') : c.name}
              </button>
            )}
          </span>
        ))}
      </nav>
      <form
        className="file-goto"
        onSubmit={(e) => {
          e.preventDefault();
          go(typedPath.trim() || '/');
        }}
      >
        <input
          type="text"
          className="mono"
          aria-label={t('files.pathField')}
          value={typedPath}
          onChange={(e) => onTyped(e.target.value)}
        />
        <button type="submit" className="button button-small">
          {t('files.go')}
        </button>
      </form>
    </div>
  );
}

/** A stopped container's files (through a snapshot or the archive) and mounted ones each work a little differently. */
export function FileAccessNotes({
  stopped,
  noChange,
  mounted,
}: {
  stopped: boolean;
  noChange: boolean;
  mounted: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {stopped && (
        <p className="notice" data-testid="files-stopped-note">
          {noChange ? t('files.stoppedNote') : t('filesStopped.note')}
        </p>
      )}
      {stopped && !noChange && (
        <Explainer title={t('filesStopped.howTitle')}>
          <p>{t('filesStopped.how')}</p>
        </Explainer>
      )}
      {mounted && (
        <p className="notice" data-testid="files-mounted-note">
          {t('mountedFiles.note')}
        </p>
      )}
    </>
  );
}
