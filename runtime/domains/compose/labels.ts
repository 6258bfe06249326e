// The labels the compose tool puts on every container it creates, read into
// one shape. Pure: the runtime groups projects with it, the renderer groups
// the containers list with it.

export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  oneOff: 'com.docker.compose.oneoff',
} as const;

/** What the compose labels of one container say about it. */
export interface ComposeMembership {
  project: string;
  service: string;
  /** 1 for the first container of a service, 2 for the next (`--scale`). */
  number?: number;
  /** The folder the project was brought up from, on the machine that ran the compose tool. */
  workingDir?: string;
  /** The compose files, as that machine named them. */
  configFiles: string[];
  /** A `compose run` container rather than one of the service's own. */
  oneOff: boolean;
}

/** The compose membership of a container, or undefined when no compose tool created it. */
export function composeMembership(labels: Readonly<Record<string, string>>): ComposeMembership | undefined {
  const project = labels[COMPOSE_LABELS.project];
  const service = labels[COMPOSE_LABELS.service];
  if (project === undefined || project === '' || service === undefined || service === '') return undefined;
  const number = Number.parseInt(labels[COMPOSE_LABELS.number] ?? '', 10);
  const workingDir = labels[COMPOSE_LABELS.workingDir];
  const files = labels[COMPOSE_LABELS.configFiles] ?? '';
  return {
    project,
    service,
    ...(Number.isSafeInteger(number) && number > 0 ? { number } : {}),
    ...(workingDir !== undefined && workingDir !== '' ? { workingDir } : {}),
    configFiles:
      files === ''
        ? []
        : files
            .split(',')
            .map((f) => f.trim())
            .filter((f) => f !== ''),
    oneOff: (labels[COMPOSE_LABELS.oneOff] ?? '').toLowerCase() === 'true',
  };
}
