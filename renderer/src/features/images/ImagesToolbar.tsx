// Above the images table: pull, load, prune, registries, a link to the build
// page, and the dangling filter.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILD_HREF } from './image-refs';

export type ToolbarDialog = 'pull' | 'load' | 'prune' | 'registries';

interface Props {
  danglingOnly: boolean;
  onDanglingOnly: (on: boolean) => void;
  onOpen: (dialog: ToolbarDialog) => void;
  children?: ReactNode;
}

export function ImagesToolbar({ danglingOnly, onDanglingOnly, onOpen, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="toolbar-row images-toolbar">
      <button type="button" className="button button-primary" data-learn="images.pull" onClick={() => onOpen('pull')}>
        {t('imageActions.pullButton')}
      </button>
      <a className="button" href={BUILD_HREF}>
        {t('imageActions.buildLink')}
      </a>
      <button type="button" className="button" onClick={() => onOpen('load')}>
        {t('imageActions.loadButton')}
      </button>
      <button type="button" className="button" onClick={() => onOpen('prune')}>
        {t('imageActions.pruneButton')}
      </button>
      <button type="button" className="button" onClick={() => onOpen('registries')}>
        {t('registries.button')}
      </button>
      <label className="check-inline">
        <input type="checkbox" checked={danglingOnly} onChange={(e) => onDanglingOnly(e.target.checked)} />
        {t('imageActions.danglingOnly')}
      </label>
      {children}
    </div>
  );
}
