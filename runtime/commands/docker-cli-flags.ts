// Flags the docker CLI documents for each subcommand Wharf shows, written
// from `docker <subcommand> --help` (CLI 28). Tests hold the command builder
// to this table, and the integration test checks the table against the
// installed CLI's own help, so a flag we show is one the CLI accepts.
export const DOCKER_CLI_FLAGS: Readonly<Record<string, readonly string[]>> = {
  start: ['-a', '--attach', '--checkpoint', '--checkpoint-dir', '--detach-keys', '-i', '--interactive'],
  stop: ['-s', '--signal', '-t', '--timeout'],
  restart: ['-s', '--signal', '-t', '--timeout'],
  kill: ['-s', '--signal'],
  pause: [],
  unpause: [],
  rm: ['-f', '--force', '-l', '--link', '-v', '--volumes'],
  logs: ['--details', '-f', '--follow', '--since', '-n', '--tail', '-t', '--timestamps', '--until'],
  inspect: ['-f', '--format', '-s', '--size', '--type'],
  exec: ['-d', '--detach', '--detach-keys', '-e', '--env', '-i', '--interactive', '-t', '--tty', '-u', '--user', '-w', '--workdir'],
  attach: ['--detach-keys', '--no-stdin', '--sig-proxy'],
  'volume create': ['-d', '--driver', '--label', '-o', '--opt'],
  'volume rm': ['-f', '--force'],
  'volume prune': ['-a', '--all', '--filter', '-f', '--force'],
  'volume inspect': ['-f', '--format'],
  cp: ['-a', '--archive', '--follow-link', '-q', '--quiet'],
  rename: [],
  run: [
    '--rm', '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--name', '--hostname', '-u', '--user', '-w', '--workdir',
    '-e', '--env', '-p', '--publish', '-l', '--label', '--mount', '-v', '--volume', '--restart', '--network', '--network-alias',
    '--add-host', '--cap-add', '--cap-drop', '--privileged', '--stop-signal', '--entrypoint', '--cpus', '-m', '--memory',
  ],
  create: [
    '-i', '--interactive', '-t', '--tty', '--name', '--hostname', '-u', '--user', '-w', '--workdir', '-e', '--env', '-p',
    '--publish', '-l', '--label', '--mount', '-v', '--volume', '--restart', '--network', '--network-alias', '--add-host',
    '--cap-add', '--cap-drop', '--privileged', '--stop-signal', '--entrypoint',
  ],
  rmi: ['-f', '--force', '--no-prune'],
  tag: [],
  'image prune': ['-a', '--all', '--filter', '-f', '--force'],
  history: ['--format', '--human', '--no-trunc', '-q', '--quiet'],
  pull: ['-a', '--all-tags', '--platform', '-q', '--quiet'],
  push: ['-a', '--all-tags', '-q', '--quiet'],
  build: ['--build-arg', '-f', '--file', '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '-t', '--tag', '--target', '--label'],
  save: ['-o', '--output'],
  load: ['-i', '--input', '-q', '--quiet'],
  login: ['-p', '--password', '--password-stdin', '-u', '--username'],
  logout: [],
};
