// Volume vs bind mount vs tmpfs: where the data lives and what survives
// `docker rm`. Reachable from the Volumes, Mounts and file pages.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

export function StorageExplainer() {
  const { t } = useTranslation();
  return (
    <Explainer title={t('storageLearn.title')}>
      <dl className="storage-learn">
        <dt>{t('storageLearn.volumeTerm')}</dt>
        <dd>
          <Trans i18nKey="storageLearn.volume" components={{ code: <code /> }} />
        </dd>
        <dt>{t('storageLearn.bindTerm')}</dt>
        <dd>
          <Trans i18nKey="storageLearn.bind" components={{ code: <code /> }} />
        </dd>
        <dt>{t('storageLearn.tmpfsTerm')}</dt>
        <dd>
          <Trans i18nKey="storageLearn.tmpfs" components={{ code: <code /> }} />
        </dd>
        <dt>{t('storageLearn.layerTerm')}</dt>
        <dd>
          <Trans i18nKey="storageLearn.layer" components={{ code: <code /> }} />
        </dd>
      </dl>
    </Explainer>
  );
}
