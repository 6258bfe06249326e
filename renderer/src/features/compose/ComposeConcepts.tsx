// The compose ideas a learner meets here, explained where they appear.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

export function ComposeConcepts() {
  const { t } = useTranslation();
  return (
    <div className="compose-concepts">
      <Explainer title={t('compose.explain.whatIs')}>
        <p>{t('compose.explain.whatIs1')}</p>
        <p>
          <Trans i18nKey="compose.explain.whatIs2" components={{ code: <code /> }} />
        </p>
      </Explainer>
      <Explainer title={t('compose.explain.upStart')}>
        <p>
          <Trans i18nKey="compose.explain.upStart1" components={{ code: <code /> }} />
        </p>
      </Explainer>
      <Explainer title={t('compose.explain.downStop')}>
        <p>
          <Trans i18nKey="compose.explain.downStop1" components={{ code: <code /> }} />
        </p>
        <p>
          <Trans i18nKey="compose.explain.volumes" components={{ code: <code /> }} />
        </p>
      </Explainer>
      <Explainer title={t('compose.explain.network')}>
        <p>
          <Trans i18nKey="compose.explain.network1" components={{ code: <code /> }} />
        </p>
      </Explainer>
    </div>
  );
}
