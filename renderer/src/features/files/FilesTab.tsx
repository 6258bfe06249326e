// The Files tab of a container, running (through docker exec) or stopped
// (through the engine's archive API).
import type { DetailsTabProps } from '../containers/details/tabs';
import { FileBrowser } from './FileBrowser';

export function FilesTab({ container }: DetailsTabProps) {
  return <FileBrowser key={container.id} target={{ kind: 'container', id: container.id }} />;
}
