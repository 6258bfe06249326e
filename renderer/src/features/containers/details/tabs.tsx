// The tabs of the container details page. Each feature adds its tab here
// (one entry): the order of this list is the order on screen. The selected
// tab is the last part of the address: #/containers/<id>/<tab>.
import type { ComponentType } from 'react';
import type { ContainerDetails, ContainerSummary } from '../../../../../runtime/domains/containers/types';
import { FilesTab } from '../../files/FilesTab';
import { LogsTab } from '../../logs/LogsTab';
import { MountsTab } from '../../mounts/MountsTab';
import { StatsTab } from '../../stats/StatsTab';
import { ProcessesTab } from '../../processes/ProcessesTab';
import { ContainerNetworksTab } from '../../networks/ContainerNetworksTab';
import { TerminalPanel } from '../../terminal/TerminalPanel';
import { InspectTab } from './InspectTab';
import { OverviewTab } from './OverviewTab';

export interface DetailsTabProps {
  /** The container's row from the list (always fresh through the change feed). */
  container: ContainerSummary;
  /** `docker inspect`, once loaded. */
  details: ContainerDetails | undefined;
  /** The whole inspect JSON, once loaded. */
  raw: unknown;
  /** This tab is the one shown (panels stay mounted once opened). */
  active?: boolean;
}

export interface DetailsTab {
  /** In the address; stable. */
  id: string;
  /** Translation key of the tab's name. */
  labelKey: string;
  Panel: ComponentType<DetailsTabProps>;
}

const Logs = ({ container }: DetailsTabProps) => <LogsTab containerId={container.id} containerName={container.name} />;
const Terminal = ({ container }: DetailsTabProps) => (
  <TerminalPanel containerId={container.id} containerName={container.name} />
);

const Processes = ({ container, active }: DetailsTabProps) => (
  <ProcessesTab container={container} active={active !== false} />
);

export const DETAILS_TABS: readonly DetailsTab[] = [
  { id: 'overview', labelKey: 'details.tabs.overview', Panel: OverviewTab },
  { id: 'logs', labelKey: 'details.tabs.logs', Panel: Logs },
  { id: 'terminal', labelKey: 'terminal.tab', Panel: Terminal },
  { id: 'stats', labelKey: 'stats.tab', Panel: StatsTab },
  { id: 'processes', labelKey: 'processes.tab', Panel: Processes },
  { id: 'files', labelKey: 'files.tab', Panel: FilesTab },
  { id: 'mounts', labelKey: 'mounts.tab', Panel: MountsTab },
  { id: 'networks', labelKey: 'networks.tab', Panel: ContainerNetworksTab },
  { id: 'inspect', labelKey: 'details.tabs.inspect', Panel: InspectTab },
];

export const DEFAULT_TAB = 'overview';
