import { describe, expect, it } from 'vitest';
import { isSecretKey } from './secrets';

describe('isSecretKey', () => {
  it.each([
    'POSTGRES_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'db_passwd',
    'AWS_SECRET_ACCESS_KEY',
    'GITHUB_TOKEN',
    'API_KEY',
    'apiKey',
    'STRIPE_KEY',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SSH_PRIVATE_KEY',
    'BASIC_AUTH',
    'SENTRY_DSN',
    'REDIS_PASS',
    'access-key',
  ])('masks %s', (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    'PATH',
    'HOME',
    'PWD',
    'HOSTNAME',
    'KEYBOARD_LAYOUT',
    'AUTHOR',
    'NODE_ENV',
    'LANG',
    'MONKEY',
    'PASSENGER_PORT',
    'TERM',
  ])('shows %s', (key) => expect(isSecretKey(key)).toBe(false));
});
