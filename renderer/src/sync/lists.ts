// The lists the engine's event stream keeps fresh: refetched on a resync and
// whenever the engine comes (back) up.
import { containerKeys } from '../features/containers/queries';
import { imageKeys } from '../features/images/queries';
import { volumeKeys } from '../features/volumes/queries';

export const listKeys = [containerKeys.list(), imageKeys.list(), volumeKeys.list()] as const;
