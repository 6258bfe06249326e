// Layers and the build cache, why the order of a Dockerfile matters, BuildKit
// and its cache mounts.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

export function BuildExplainer() {
  const { t } = useTranslation();
  return (
    <Explainer title={t('build.learn.title')}>
      <p>
        <Trans i18nKey="build.learn.image" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="build.learn.layers" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="build.learn.cache" components={{ code: <code /> }} />
      </p>
      <div className="build-order">
        <div>
          <p className="field-label">{t('build.learn.slow')}</p>
          <pre>{'FROM node:20\nCOPY . /app\nRUN npm ci'}</pre>
        </div>
        <div>
          <p className="field-label">{t('build.learn.fast')}</p>
          <pre>{'FROM node:20\nCOPY package*.json /app/\nRUN npm ci\nCOPY . /app'}</pre>
        </div>
      </div>
      <p>
        <Trans i18nKey="build.learn.order" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="build.learn.ignore" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="build.learn.buildkit" components={{ code: <code />, strong: <strong /> }} />
      </p>
      <p>
        <Trans i18nKey="build.learn.cacheMount" components={{ code: <code />, strong: <strong /> }} />
      </p>
    </Explainer>
  );
}
