// The conveniences as a row of buttons (the container details page's header).
import { useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';
import type { ContainerDetails, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { CONVENIENCE_ACTIONS, type ConvenienceAction } from './useContainerConveniences';

export function ConvenienceButtons({
  container,
  details,
  disabled,
  onStart,
}: {
  container: ContainerSummary;
  details: ContainerDetails | undefined;
  disabled: boolean;
  onStart: (action: ConvenienceAction, container: ContainerSummary, details?: ContainerDetails) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="details-more-actions" role="group" aria-label={t('containerActions.groupLabel')}>
      {CONVENIENCE_ACTIONS.map(({ id, labelKey, Icon }) => (
        <button
          key={id}
          type="button"
          className="button button-small"
          disabled={disabled}
          onClick={() => onStart(id, container, details)}
        >
          {Icon && <Icon size={13} />}
          {t(labelKey)}
        </button>
      ))}
      <Explainer title={t('containerActions.explainTitle')}>
        <ul className="small">
          {CONVENIENCE_ACTIONS.map(({ id }) => (
            <li key={id}>{t(`containerActions.explain.${id}`)}</li>
          ))}
        </ul>
      </Explainer>
    </div>
  );
}
