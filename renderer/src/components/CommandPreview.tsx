import { useTranslation } from 'react-i18next';

/** The docker command a dialog stands for, shown before it runs. */
export function CommandPreview({ command, failed = false }: { command: string | undefined; failed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="command-preview" data-testid="command-preview">
      <span className="command-preview-label">{t('common.commandLabel')}</span>
      <code className="command-lines">{command ?? (failed ? t('common.commandUnavailable') : '…')}</code>
    </div>
  );
}
