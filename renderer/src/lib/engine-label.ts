// Names of discovered engines in the UI language. The runtime labels each
// candidate in English; the source and the label's known forms say which it is.
import type { EngineCandidate } from '../../../runtime/domains/engine/types';

type T = (key: string, params?: Record<string, string>) => string;

const WELL_KNOWN: Record<string, string> = {
  Docker: 'engineLabel.docker',
  'Docker (rootless)': 'engineLabel.dockerRootless',
  'Docker Desktop': 'engineLabel.dockerDesktop',
  Podman: 'engineLabel.podman',
  'Podman (rootless)': 'engineLabel.podmanRootless',
  'Podman machine': 'engineLabel.podmanMachine',
};

export function engineLabel(c: Pick<EngineCandidate, 'source' | 'label'>, t: T): string {
  switch (c.source) {
    case 'settings':
      return t('engineLabel.settings');
    case 'command-line':
      return t('engineLabel.commandLine');
    case 'env':
      return t('engineLabel.env');
    case 'context': {
      const name = /^docker context '(.*)'$/.exec(c.label)?.[1];
      return name === undefined ? c.label : t('engineLabel.context', { name });
    }
    case 'embedded': {
      const product = /\((Docker|Podman)\)$/.exec(c.label)?.[1];
      return product === undefined ? c.label : t('engineLabel.embedded', { product });
    }
    case 'well-known': {
      // A Mac's machines by name (runtime/engine/machine-sockets.ts): "Podman machine 'dev'".
      const machine = /^Podman machine '(.*)'$/.exec(c.label)?.[1];
      if (machine !== undefined) return t('engineLabel.podmanMachineNamed', { name: machine });
      const key = WELL_KNOWN[c.label];
      // Product names (Colima, OrbStack, Rancher Desktop) read the same in every language.
      return key === undefined ? c.label : t(key);
    }
  }
}
