import { useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

/** exec versus attach, in plain words. */
export function TerminalExplainer() {
  const { t } = useTranslation();
  return (
    <Explainer title={t('terminal.explainTitle')}>
      <p>{t('terminal.explainExec')}</p>
      <p>{t('terminal.explainAttach')}</p>
    </Explainer>
  );
}
