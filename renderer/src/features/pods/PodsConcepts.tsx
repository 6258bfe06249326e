// The Kubernetes words, explained against containers and compose: pod,
// deployment and replica set, service, and how a compose project maps.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

const code = { code: <code /> };
const TOPICS = ['pod', 'deployment', 'service', 'compose'] as const;

export function PodsConcepts() {
  const { t } = useTranslation();
  return (
    <div className="pods-concepts" role="group" aria-label={t('pods.explain.label')}>
      {TOPICS.map((topic) => (
        <Explainer key={topic} title={t(`pods.explain.${topic}.title`)}>
          <p>
            <Trans i18nKey={`pods.explain.${topic}.p1`} components={code} />
          </p>
          <p>
            <Trans i18nKey={`pods.explain.${topic}.p2`} components={code} />
          </p>
        </Explainer>
      ))}
    </div>
  );
}
