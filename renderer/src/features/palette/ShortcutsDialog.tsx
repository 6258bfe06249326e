// Every keyboard shortcut, listed: opened by ? or from the palette.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import type { ShortcutRow } from './shortcuts';

export function ShortcutsDialog({ rows, onClose }: { rows: readonly ShortcutRow[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('shortcuts.title')}
      onCancel={onClose}
      footer={
        <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
          {t('shortcuts.done')}
        </button>
      }
    >
      <table className="shortcuts-table">
        <caption className="muted small">{t('shortcuts.intro')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.colKeys')}</th>
            <th scope="col">{t('shortcuts.colAction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.labelKey}:${row.keys.flat().join('+')}`}>
              <td className="shortcut-keys">
                {row.keys.map((combo, i) => (
                  <Fragment key={combo.join('+')}>
                    {i > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                    <kbd>
                      {combo.map((key, j) => (
                        <Fragment key={key}>
                          {j > 0 && '+'}
                          <kbd>{key}</kbd>
                        </Fragment>
                      ))}
                    </kbd>
                  </Fragment>
                ))}
              </td>
              <td>{t(row.labelKey, row.params ?? {})}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
