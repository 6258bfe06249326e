// Image vs container, and what `docker run` does: for people learning Docker.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

export function RunExplainer() {
  const { t } = useTranslation();
  return (
    <Explainer title={t('run.learn.title')}>
      <dl className="run-learn">
        <dt>{t('run.learn.imageTerm')}</dt>
        <dd>
          <Trans i18nKey="run.learn.image" components={{ code: <code /> }} />
        </dd>
        <dt>{t('run.learn.containerTerm')}</dt>
        <dd>
          <Trans i18nKey="run.learn.container" components={{ code: <code /> }} />
        </dd>
        <dt>{t('run.learn.runTerm')}</dt>
        <dd>
          <Trans i18nKey="run.learn.run" components={{ code: <code /> }} />
        </dd>
      </dl>
    </Explainer>
  );
}
