// The network concepts, explained where they appear: drivers, name lookup,
// published and exposed ports, and what compose creates.
import { Trans, useTranslation } from 'react-i18next';
import { Explainer } from '../../components/Explainer';

const code = { code: <code /> };

export function NetworkExplainers() {
  const { t } = useTranslation();
  return (
    <div className="network-explainers">
      <Explainer title={t('networks.explain.drivers.title')}>
        <p>
          <Trans i18nKey="networks.explain.drivers.bridge" components={code} />
        </p>
        <p>
          <Trans i18nKey="networks.explain.drivers.host" components={code} />
        </p>
        <p>
          <Trans i18nKey="networks.explain.drivers.none" components={code} />
        </p>
        <p>
          <Trans i18nKey="networks.explain.drivers.others" components={code} />
        </p>
      </Explainer>
      <DnsExplainer />
      <Explainer title={t('networks.explain.ports.title')}>
        <p>
          <Trans i18nKey="networks.explain.ports.p1" components={code} />
        </p>
        <p>
          <Trans i18nKey="networks.explain.ports.p2" components={code} />
        </p>
      </Explainer>
      <Explainer title={t('networks.explain.compose.title')}>
        <p>
          <Trans i18nKey="networks.explain.compose.p1" components={code} />
        </p>
        <p>
          <Trans i18nKey="networks.explain.compose.p2" components={code} />
        </p>
      </Explainer>
    </div>
  );
}

/** Why names resolve on a user-defined network and not on the default bridge. */
export function DnsExplainer() {
  const { t } = useTranslation();
  return (
    <Explainer title={t('networks.explain.dns.title')}>
      <p>
        <Trans i18nKey="networks.explain.dns.p1" components={code} />
      </p>
      <p>
        <Trans i18nKey="networks.explain.dns.p2" components={code} />
      </p>
    </Explainer>
  );
}
