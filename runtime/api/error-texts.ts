// The English of the engine errors the runtime explains
// (runtime/transport/to-api-error.ts), by the key the UI translates them by
// (apiErrors.<key>). This file is their one English source:
// - the runtime fills them in as the English message and hint it sends
//   (what the CLI, and a client without the key, show);
// - the renderer's English locale takes them from here (i18n/resources.ts
//   adds them under apiErrors; locales/en/errors.json does not repeat them,
//   and the i18n test holds it to that); locales/ko/errors.json translates
//   the same keys.
// `{{name}}` stands for the error's params.name. Where the runtime's message
// is the engine's own words (they stay the message and the reason), `message`
// here is only what the UI shows in their place.
// Pure: no Node, no DOM.

export interface ErrorText {
  message: string;
  hint: string;
}

export const ERROR_TEXTS = {
  'engine.unavailable': {
    message: 'The engine cannot be reached right now.',
    hint: 'Wharf reconnects on its own when the engine is back.',
  },
  'port.taken': {
    message: 'Host port {{port}} is already in use.',
    hint: 'Another program or container already uses host port {{port}}. Stop it or publish on another port.',
  },
  'container.nameInUse': {
    message: 'The name "{{name}}" is already used by another container.',
    hint: 'Remove or rename that container, or choose another name.',
  },
  'container.notFound': {
    message: 'No such container: {{name}}',
    hint: 'It may have been removed outside Wharf. The list refreshes on its own.',
  },
  'container.removeRunning': {
    message: 'A running container cannot be removed.',
    hint: 'Stop it first, or remove it with force (docker rm -f).',
  },
  'container.notRunning': {
    message: 'The container is not running.',
    hint: 'Start the container first.',
  },
  'container.alreadyPaused': {
    message: 'The container is already paused.',
    hint: 'Use Unpause to let it run again.',
  },
  'container.notPaused': {
    message: 'The container is not paused.',
    hint: 'Only a paused container can be unpaused.',
  },
  'image.notFound': {
    message: 'No such image: {{image}}',
    hint: 'Pull it first (docker pull {{image}}) or check the name.',
  },
  'image.badReference': {
    message: 'This is not a valid image name.',
    hint: 'An image name is lowercase letters, digits and "." "_" "-" "/", then an optional :tag.',
  },
  'mount.sourceMissing': {
    message: 'The host folder {{path}} does not exist.',
    hint: "Create the folder on the engine's machine first, or correct the path.",
  },
  'mount.invalid': {
    message: 'A mount is not valid.',
    hint: 'A volume name uses letters, digits, "_", "." and "-"; a host folder is an absolute path; a target is an absolute path in the container.',
  },
  'build.dockerfileParse': {
    message: 'Line {{line}} of the Dockerfile cannot be read: {{problem}}',
    hint: 'Correct that line of the Dockerfile and build again.',
  },
  'build.dockerfileMissing': {
    message: 'There is no Dockerfile {{file}} in the folder.',
    hint: 'The Dockerfile name is relative to the folder: check it, or leave it empty for "Dockerfile".',
  },
  'network.inUse': {
    message: 'The network "{{network}}" is in use by {{containers}}.',
    hint: 'Disconnect those containers (or remove them) first, then remove the network.',
  },
  'network.builtIn': {
    message: '"{{network}}" is one of the engine\'s own networks and cannot be removed.',
    hint: 'bridge, host and none are always there: containers use them when no other network is given.',
  },
  'network.exists': {
    message: 'A network named "{{network}}" already exists.',
    hint: 'Choose another name.',
  },
  'network.alreadyConnected': {
    message: 'The container "{{container}}" is already attached to "{{network}}".',
    hint: 'Disconnect it first to change its aliases or address.',
  },
  'network.aliasOnDefaultBridge': {
    message: 'Aliases work only on a user-defined network: the default bridge has no name lookup.',
    hint: 'Create a network (docker network create) and connect the container to it instead.',
  },
  'network.ipOutside': {
    message: "{{ip}} is not inside the network's subnet ({{subnet}}).",
    hint: 'Pick an address inside the subnet, or leave it empty and the engine picks one.',
  },
} as const satisfies Record<string, ErrorText>;

export type ErrorTextKey = keyof typeof ERROR_TEXTS;

/** `template` with each `{{name}}` replaced by params[name] (as i18next fills it). */
export function fillText(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}

/** The English hint of `key`, filled in. */
export function errorHint(key: ErrorTextKey, params?: Readonly<Record<string, string>>): string {
  return fillText(ERROR_TEXTS[key].hint, params);
}

/** The English message of `key`, filled in. */
export function errorMessage(key: ErrorTextKey, params?: Readonly<Record<string, string>>): string {
  return fillText(ERROR_TEXTS[key].message, params);
}
