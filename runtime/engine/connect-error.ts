// Why an endpoint could not be reached, in words a beginner can act on.
import type { PlainError } from '../api/types';
import { EndpointError } from './endpoint';
import { InsecureEndpointError } from './insecure';
import { HostKeyError } from './known-hosts';
import { SshError, type SshFailure } from './ssh-auth';

interface ErrorLike {
  code?: string;
  message?: string;
  statusCode?: number;
  json?: { message?: string } | null;
}

export function describeConnectError(error: unknown, endpoint: string): PlainError {
  if (error instanceof EndpointError) {
    return {
      message: error.message,
      hint: 'Check the address in Settings.',
      key: 'engine.badAddress',
      params: { reason: error.message },
    };
  }
  if (error instanceof HostKeyError) return describeHostKeyError(error);
  if (error instanceof SshError) return describeSshError(error);
  if (error instanceof InsecureEndpointError) return error.toPlain();
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const where = endpoint.startsWith('unix://') ? endpoint.slice(7) : endpoint;
  const start = 'Start the engine, or choose another one in Settings.';
  switch (e.code) {
    case 'ENOENT':
      return {
        message: `No engine is listening at ${where}: the socket does not exist.`,
        hint: start,
        key: 'engine.socketMissing',
        params: { where },
      };
    case 'ECONNREFUSED':
      return {
        message: `The engine at ${where} refused the connection.`,
        hint: start,
        key: 'engine.refused',
        params: { where },
      };
    case 'EACCES':
    case 'EPERM':
      return {
        message: `Wharf is not allowed to open ${where}.`,
        hint: "Add your user to the 'docker' group and log in again, or use Podman, which runs as your own user.",
        key: 'engine.permissionDenied',
        params: { where },
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        message: `The host in ${endpoint} could not be found.`,
        hint: 'Check the address in Settings.',
        key: 'engine.hostNotFound',
        params: { endpoint },
      };
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        message: `The connection to ${where} was closed before the engine answered.`,
        hint: start,
        key: 'engine.connectionClosed',
        params: { where },
      };
    default:
      break;
  }
  if (typeof e.statusCode === 'number') {
    const reason = e.json?.message ?? e.message ?? `HTTP ${e.statusCode}`;
    return {
      message: `Something answered at ${where}, but not as a container engine would (${reason.trim()}).`,
      hint: 'Check that the address points to a Docker or Podman engine.',
      key: 'engine.notAnEngine',
      params: { where, reason: reason.trim() },
    };
  }
  const message = e.message ?? String(error);
  if (/No answer within/.test(message)) {
    return {
      message: `No answer from ${where}. ${message}`,
      hint: start,
      key: 'engine.noAnswer',
      params: { where, reason: message },
    };
  }
  return {
    message: `Cannot reach the engine at ${where}: ${message}`,
    hint: start,
    key: 'engine.unreachable',
    params: { where, reason: message },
  };
}

function describeHostKeyError(error: HostKeyError): PlainError {
  const params = { host: error.host, login: error.login };
  switch (error.reason) {
    case 'unknown':
      return {
        message: error.message,
        hint: `Run \`${error.login}\` once in a terminal: ssh shows the key's fingerprint and asks whether to trust it.`,
        key: 'engine.sshHostUnknown',
        params,
      };
    case 'changed':
      return {
        message: error.message,
        hint: `If you know the machine's key changed, remove the old one with \`ssh-keygen -R ${error.host}\`, then run \`${error.login}\` once to trust the new one.`,
        key: 'engine.sshHostChanged',
        params,
      };
    case 'revoked':
      return {
        message: error.message,
        hint: 'Ask whoever runs that machine for its new key.',
        key: 'engine.sshHostRevoked',
        params,
      };
  }
}

const SSH_HINTS: Record<SshFailure, { key: string; hint: string }> = {
  unreachable: {
    key: 'engine.sshUnreachable',
    hint: 'Check the address and that the machine is on and on the network.',
  },
  'auth-refused': {
    key: 'engine.sshAuthRefused',
    hint: 'Add the public key (the .pub file beside the identity) to ~/.ssh/authorized_keys on that machine, or load the right key into your ssh agent with ssh-add.',
  },
  'key-locked': {
    key: 'engine.sshKeyLocked',
    hint: 'Run `ssh-add <key file>` once in a terminal (it asks for the passphrase), then try again.',
  },
  'key-unreadable': {
    key: 'engine.sshKeyUnreadable',
    hint: 'Point the connection at a private key Wharf can read, for example again with podman system connection add --identity <key file>.',
  },
  'socket-missing': {
    key: 'engine.sshSocketMissing',
    hint: 'On that machine, `systemctl --user enable --now podman.socket` starts it (for rootful Podman: `sudo systemctl enable --now podman.socket`).',
  },
  'proxy-unsupported': {
    key: 'engine.sshProxyUnsupported',
    hint: 'Use the docker CLI for this engine for now, or add a context whose ssh:// address Wharf can reach directly (without ProxyJump or ProxyCommand).',
  },
  'forward-refused': {
    key: 'engine.sshForwardRefused',
    hint: 'Set AllowStreamLocalForwarding yes in /etc/ssh/sshd_config on that machine and restart sshd.',
  },
};

function describeSshError(error: SshError): PlainError {
  const { key, hint } = SSH_HINTS[error.reason];
  return { message: error.message, hint, key, params: { where: error.where, detail: error.detail } };
}
