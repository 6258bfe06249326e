// The container conveniences (rename, duplicate, commit to an image, export
// the filesystem, change the restart policy and limits) behind one hook, so
// the details page, a right-click menu or a command palette start them the
// same way: `start(action, container)`, and `element` placed once on the
// page holds their dialogs, the export's progress and what they report.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerDetails, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { CopyIcon, DownIcon, ImageIcon, SettingsIcon, type IconProps } from '../../components/Icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ErrorLike } from '../../lib/localize-error';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { DownloadProgressList } from '../downloads/DownloadProgressList';
import { useDownloads } from '../downloads/useDownloads';
import { toErrorLike } from '../files/useFileActions';
import { CommitDialog } from './CommitDialog';
import { RenameDialog } from './RenameDialog';
import { UpdateDialog } from './UpdateDialog';

export type ConvenienceAction = 'rename' | 'duplicate' | 'commit' | 'export' | 'update';

/** Each action's label (containerActions.actions.<id>) and icon, in the order pages show them. */
export const CONVENIENCE_ACTIONS: ReadonlyArray<{
  id: ConvenienceAction;
  labelKey: string;
  Icon: ((props: IconProps) => ReactNode) | undefined;
}> = [
  { id: 'rename', labelKey: 'containerActions.actions.rename', Icon: undefined },
  { id: 'duplicate', labelKey: 'containerActions.actions.duplicate', Icon: CopyIcon },
  { id: 'commit', labelKey: 'containerActions.actions.commit', Icon: ImageIcon },
  { id: 'export', labelKey: 'containerActions.actions.export', Icon: DownIcon },
  { id: 'update', labelKey: 'containerActions.actions.update', Icon: SettingsIcon },
];

/** The run form, filled from the container (#/run?from=<name>). */
export const duplicateHref = (container: Pick<ContainerSummary, 'name' | 'id'>) =>
  `${hrefTo('run')}?from=${encodeURIComponent(container.name !== '' ? container.name : container.id)}`;

/** A page addressed by the old name (#/containers/<name>/…) goes on by the id, which a rename keeps. */
function followRename(container: Pick<ContainerSummary, 'name' | 'id'>): void {
  const byName = hrefTo('containers', container.name);
  const hash = window.location.hash;
  if (hash === byName || hash.startsWith(`${byName}/`))
    navigate(hrefTo('containers', container.id) + hash.slice(byName.length), { replace: true });
}

type Open =
  | { kind: 'rename' | 'commit'; container: ContainerSummary }
  | { kind: 'update'; container: ContainerSummary; details: ContainerDetails };

export function useContainerConveniences() {
  const { t } = useTranslation();
  const client = useClient();
  const downloads = useDownloads();
  const [open, setOpen] = useState<Open | null>(null);
  const [committed, setCommitted] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorLike | null>(null);

  const start = async (action: ConvenienceAction, container: ContainerSummary, details?: ContainerDetails) => {
    setFailure(null);
    setCommitted(null);
    try {
      switch (action) {
        case 'duplicate':
          navigate(duplicateHref(container));
          return;
        case 'export':
          await downloads.start(
            { kind: 'container-export', id: container.name || container.id },
            `${container.name}.tar`,
          );
          return;
        case 'update': {
          const current = details ?? (await client.request('containers.inspect', { id: container.id })).details;
          setOpen({ kind: 'update', container, details: current });
          return;
        }
        default:
          setOpen({ kind: action, container });
      }
    } catch (error) {
      setFailure(toErrorLike(error));
    }
  };

  const element = (
    <>
      {open?.kind === 'rename' && (
        <RenameDialog
          container={open.container}
          onDone={(renamed) => {
            setOpen(null);
            if (renamed) followRename(open.container);
          }}
        />
      )}
      {open?.kind === 'commit' && (
        <CommitDialog
          container={open.container}
          onDone={(image) => {
            setOpen(null);
            if (image !== undefined) setCommitted(image);
          }}
        />
      )}
      {open?.kind === 'update' && (
        <UpdateDialog container={open.container} details={open.details} onDone={() => setOpen(null)} />
      )}
      {committed !== null && (
        <p className="notice" role="status" data-testid="commit-notice">
          {t('containerActions.commit.done', { image: committed })}{' '}
          <a href={hrefTo('images')}>{t('containerActions.commit.toImages')}</a>
        </p>
      )}
      {failure && (
        <ErrorAlert title={t('containerActions.failed')} messages={[failure]} onDismiss={() => setFailure(null)} />
      )}
      <DownloadProgressList items={downloads.items} onCancel={downloads.cancel} onDismiss={downloads.dismiss} />
    </>
  );
  return { start, element };
}
