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
  'container.memoryOverSwap': {
    message: 'The memory limit would be above the memory + swap limit already set.',
    hint: 'Change memory + swap at the same time: at least as large as the memory, or -1 for swap without a limit.',
  },
  'container.memoryTooLow': {
    message: 'The memory limit is too low for this container.',
    hint: 'Give it more: at least 6 MB, and more than it uses now (the Stats tab shows how much).',
  },
  'container.restartUnsupported': {
    message: 'This Podman cannot change the restart policy of a container that exists.',
    hint: 'Podman 5 can. Meanwhile run a copy with the new policy (Duplicate), then remove this one.',
  },
  'container.limitsUnsupported': {
    message: 'This engine cannot change these limits here.',
    hint: 'Limits need cgroups v2 with the controllers delegated (rootless Podman), or a cgroup the engine may change. Run a copy with the limits instead (Duplicate).',
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
  'compose.noTool': {
    message: 'No compose tool is installed, so Wharf cannot run compose projects.',
    hint: 'On Debian or Ubuntu: sudo apt install docker-compose (or podman-compose for Podman). On macOS and Windows: install Docker Desktop or the Docker compose plugin.',
  },
  'compose.podmanComposeOnly': {
    message: 'Only podman-compose is installed, and it works with Podman only; Wharf is connected to Docker.',
    hint: 'On Debian or Ubuntu: sudo apt install docker-compose. On macOS and Windows: install the Docker compose plugin.',
  },
  'compose.profilesUnsupported': {
    message: '{{tool}} cannot choose profiles.',
    hint: 'Install the Docker compose plugin (docker compose) for this option, or leave it off.',
  },
  'compose.pullNeverUnsupported': {
    message: '{{tool}} cannot be kept from pulling missing images.',
    hint: 'Install the Docker compose plugin (docker compose) for this option, or leave it off.',
  },
  'compose.scaleUnsupported': {
    message: '{{tool}} cannot scale services.',
    hint: 'Install the Docker compose plugin (docker compose) for this option, or leave it off.',
  },
  'compose.rmiUnsupported': {
    message: '{{tool}} cannot remove images on down.',
    hint: 'Install the Docker compose plugin (docker compose) for this option, or leave it off.',
  },
  'compose.orphansUnsupported': {
    message: '{{tool}} cannot remove orphan containers on down.',
    hint: 'Install the Docker compose plugin (docker compose) for this option, or leave it off.',
  },
  'compose.portTaken': {
    message: 'A port the project publishes is already taken.',
    hint: 'Stop what uses that port, or publish the service on another host port in the compose file.',
  },
  'compose.imageNotFound': {
    message: 'An image the project uses could not be found or pulled.',
    hint: 'Check the image name and tag in the compose file, log in to its registry, or build it first.',
  },
  'compose.registryUnreachable': {
    message: 'The image {{image}} could not be pulled: its registry could not be reached.',
    hint: 'Check the network connection and the registry name in the image, or build or load the image on this engine first.',
  },
  'compose.buildFailed': {
    message: 'Building an image failed at one of its Dockerfile steps.',
    hint: 'Read the build output above the error: the step that failed and its own message.',
  },
  'compose.inUse': {
    message: 'A network or volume of the project is still used by other containers.',
    hint: 'Stop and remove the containers that use it (they may belong to another project), then try again.',
  },
  'compose.engineUnreachable': {
    message: 'The compose tool could not reach the engine.',
    hint: 'Check that the engine is running; Wharf shows its connection in Settings.',
  },
  'compose.failed': {
    message: 'The compose tool stopped with exit code {{code}}.',
    hint: "Read the tool's output above: its last lines say what went wrong.",
  },
  'compose.problem.tab': {
    message: 'The file has a tab character where YAML needs spaces.',
    hint: 'Indent with spaces only (two per level); replace the tab on this line.',
  },
  'compose.problem.mappingValue': {
    message: 'A colon appears where YAML does not expect one.',
    hint: 'Check the indentation of this line, or put quotes around a value that holds a colon.',
  },
  'compose.problem.indentation': {
    message: 'The indentation of this line does not match the lines around it.',
    hint: 'Line it up with the other keys at the same level (spaces only).',
  },
  'compose.problem.unknownKey': {
    message: '"{{key}}" is not a setting compose knows.',
    hint: 'Check its spelling and that it sits under the right key (compose keys are lowercase, like ports, volumes, environment).',
  },
  'compose.problem.port': {
    message: 'A port mapping is not written the way compose reads it.',
    hint: 'Write it as "HOST:CONTAINER" in quotes, e.g. "8080:80" or "127.0.0.1:8080:80".',
  },
  'compose.problem.undefinedDependency': {
    message: 'A service depends on "{{dependency}}", which the file does not define.',
    hint: 'Define that service, or correct the name under depends_on.',
  },
  'compose.problem.undefinedResource': {
    message: 'Service "{{service}}" uses the {{kind}} "{{name}}", which the file does not declare.',
    hint: 'Declare it under the top-level {{kind}}s: key.',
  },
  'compose.fileNotOpen': {
    message: 'That compose file is not open in Wharf.',
    hint: 'Open it again from the Compose page.',
  },
  'compose.pathMissing': {
    message: '{{path}} does not exist.',
    hint: 'Check the path, or choose the file again.',
  },
  'compose.noFileInFolder': {
    message: '{{path}} holds no compose file (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml).',
    hint: 'Choose the compose file itself, or the folder that holds it.',
  },
  'compose.fileTooLarge': {
    message: 'This file is too large to be a compose file.',
    hint: 'A compose file is a short YAML text: check that you chose the right file.',
  },
  'compose.fileUnreadable': {
    message: '{{path}} cannot be read.',
    hint: 'Check that the file still exists and that your user may read it.',
  },
  'compose.filesUnreachable': {
    message: 'The compose files of {{project}} cannot be read on this machine.',
    hint: "Open the project's compose file in Wharf to run this action.",
  },
  'compose.noProject': {
    message: 'There is no compose project named {{project}}.',
    hint: 'It may have been taken down outside Wharf. The list refreshes on its own.',
  },
  'pods.needPodman': {
    message: 'Pods need Podman or a Kubernetes cluster: Docker has no pods.',
    hint: 'Connect Wharf to Podman to play Kubernetes YAML here, or apply the YAML to a cluster with kubectl apply -f.',
  },
  'pods.badYaml': {
    message: 'Line {{line}}: {{problem}}',
    hint: 'Fix the line and play again. Nothing was created.',
  },
  'pods.noInfra': {
    message: "Podman cannot make the pod's infra container: {{reason}}",
    hint: 'Every pod starts a small infra container that holds its network. Install catatonit (sudo apt install catatonit), or set infra_image in containers.conf.',
  },
  'pods.imageMissing': {
    message: 'The image {{image}} is not on the engine, and the YAML says not to pull it.',
    hint: 'Pull it first (podman pull {{image}}), or remove imagePullPolicy: Never.',
  },
  'shell.remoteBrowser': {
    message: 'The terminal on this machine is not offered while Wharf is reachable from other machines.',
    hint: 'Start wharf serve without --host (it listens on this machine only) to use it.',
  },
  'shell.disabled': {
    message: 'The terminal on this machine is turned off in Settings.',
    hint: 'Turn it on in Settings, under Terminal on this machine.',
  },
  'shell.noPty': {
    message: 'A terminal on this machine cannot start: the terminal library did not load.',
    hint: 'Reinstall Wharf; the library ships with it for this system.',
  },
  'updates.unsupported': {
    message: 'This copy of Wharf does not update itself.',
    hint: 'Only the installed desktop app checks for updates. In browser mode, update the Wharf that serves the page.',
  },
  'updates.off': {
    message: 'Checking for updates is turned off.',
    hint: 'Turn on "Check for updates" in Settings first.',
  },
  'updates.notDownloaded': {
    message: 'No new version has been downloaded yet.',
    hint: 'Check for updates first; the button appears once a new version is ready.',
  },
  'context.notFound': {
    message: 'There is no docker context or Podman connection named "{{name}}" any more.',
    hint: 'It may have been removed. Open the engine list again to see the ones there are now.',
  },
  'context.cliMissing': {
    message: 'The {{program}} command was not found on this machine, so its default was not changed.',
    hint: 'Install {{program}}, or run the command shown in a terminal where it is installed.',
  },
  'context.cliFailed': {
    message: '{{command}} did not succeed.',
    hint: 'Its own words are below; the default was not changed.',
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
