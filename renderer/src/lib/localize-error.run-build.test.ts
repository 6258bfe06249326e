// The errors the Run and Build pages can show, as the runtime sends them
// (key, params with the engine's own words as `reason`), shown in Korean.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources';
import { localizeError, type ErrorLike, type Translator } from './localize-error';

async function translator(lng: 'en' | 'ko'): Promise<Translator> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return { t: (k, p) => i18n.t(k, p), exists: (k) => i18n.exists(k) };
}

const cases: Array<{ what: string; error: ErrorLike; ko: string; en: string }> = [
  {
    what: 'image not here, pull failed',
    error: {
      message:
        'The image nosuch.invalid/x is not here and could not be pulled: Get "https://nosuch.invalid/v2/": dial tcp: lookup nosuch.invalid: no such host',
      key: 'run.imageMissing',
      params: {
        image: 'nosuch.invalid/x',
        reason: 'Get "https://nosuch.invalid/v2/": dial tcp: lookup nosuch.invalid: no such host',
      },
    },
    ko: '이미지 nosuch.invalid/x이(가) 여기에 없고, 풀(pull)하지도 못했습니다.',
    en: 'The image nosuch.invalid/x is not here and could not be pulled.',
  },
  {
    what: 'name in use',
    error: {
      message: 'The name "web" is already used by another container.',
      key: 'container.nameInUse',
      params: { name: 'web', reason: 'Conflict. The container name "/web" is already in use by container "b662".' },
    },
    ko: '"web" 이름은 이미 다른 컨테이너가 쓰고 있습니다.',
    en: 'The name "web" is already used by another container.',
  },
  {
    what: 'invalid reference',
    error: {
      message: 'invalid reference format: repository name must be lowercase',
      key: 'image.badReference',
      params: { reason: 'invalid reference format: repository name must be lowercase' },
    },
    ko: '올바른 이미지 이름이 아닙니다.',
    en: 'This is not a valid image name.',
  },
  {
    what: 'bind source missing',
    error: {
      message: 'invalid mount config for type "bind": bind source path does not exist: /srv/none',
      key: 'mount.sourceMissing',
      params: {
        path: '/srv/none',
        reason: 'invalid mount config for type "bind": bind source path does not exist: /srv/none',
      },
    },
    ko: '호스트 폴더 /srv/none이(가) 없습니다.',
    en: 'The host folder /srv/none does not exist.',
  },
  {
    what: 'bad mount',
    error: {
      message: "invalid volume specification: 'a:b:c:d'",
      key: 'mount.invalid',
      params: { reason: "invalid volume specification: 'a:b:c:d'" },
    },
    ko: '올바르지 않은 마운트가 있습니다.',
    en: 'A mount is not valid.',
  },
  {
    what: 'build folder missing',
    error: { message: 'There is no folder /srv/app.', key: 'images.buildNoFolder', params: { path: '/srv/app' } },
    ko: '폴더 /srv/app이(가) 없습니다.',
    en: 'There is no folder /srv/app.',
  },
  {
    what: 'picked folder gone',
    error: { message: 'This picked folder is no longer on the runtime: pick it again.', key: 'images.contextGone' },
    ko: '고른 폴더가 더 이상 런타임에 없습니다. 다시 고르세요.',
    en: 'This picked folder is no longer on the runtime: pick it again.',
  },
  {
    what: 'picked folder too large',
    error: { message: 'The folder is larger than 512 MB: …', key: 'images.contextTooLarge', params: { limit: '512' } },
    ko: '폴더가 512 MB보다 큽니다.',
    en: 'The folder is larger than 512 MB.',
  },
  {
    what: 'Dockerfile name not in the folder',
    error: {
      message: 'Cannot locate specified Dockerfile: Dockerfile.dev',
      key: 'build.dockerfileMissing',
      params: { file: 'Dockerfile.dev', reason: 'Cannot locate specified Dockerfile: Dockerfile.dev' },
    },
    ko: '폴더에 도커파일 Dockerfile.dev이(가) 없습니다.',
    en: 'There is no Dockerfile Dockerfile.dev in the folder.',
  },
  {
    what: 'Dockerfile parse error',
    error: {
      message: 'dockerfile parse error line 2: unknown instruction: FROMM',
      key: 'build.dockerfileParse',
      params: {
        line: '2',
        problem: 'unknown instruction: FROMM',
        reason: 'dockerfile parse error line 2: unknown instruction: FROMM',
      },
    },
    ko: '도커파일 (Dockerfile) 2번째 줄을 읽을 수 없습니다: unknown instruction: FROMM',
    en: 'Line 2 of the Dockerfile cannot be read: unknown instruction: FROMM',
  },
  {
    what: 'engine refused',
    error: {
      message: 'OCI runtime create failed: exec: "nosuch": executable file not found',
      key: 'engine.refusedRequest',
      params: { reason: 'OCI runtime create failed: exec: "nosuch": executable file not found' },
    },
    ko: '엔진이 요청을 거부했습니다: OCI runtime create failed: exec: "nosuch": executable file not found',
    en: 'OCI runtime create failed: exec: "nosuch": executable file not found',
  },
];

describe('localizeError: the Run and Build pages', () => {
  for (const c of cases) {
    it(`${c.what}: Korean, with a Korean hint when English has one, and the engine's words kept`, async () => {
      const ko = localizeError(c.error, await translator('ko'));
      const en = localizeError(c.error, await translator('en'));
      expect(ko.message).toBe(c.ko);
      expect(en.message).toBe(c.en);
      if (en.hint !== undefined) {
        expect(ko.hint).toBeDefined();
        expect(ko.hint).not.toBe(en.hint);
        expect(ko.hint).toMatch(/[가-힣]/);
      }
      const reason = c.error.params?.reason;
      if (reason !== undefined) {
        // The engine's words: in the message, or else on a detail line of their own.
        if (ko.message.includes(reason)) expect(ko.detail).toBeUndefined();
        else expect(ko.detail).toBe(reason);
        // English adds no detail line that only repeats the message.
        expect(en.detail === undefined || en.detail !== en.message).toBe(true);
      }
    });
  }

  it('an engine refusal reads in English exactly as the engine said it, with no detail line repeating it', async () => {
    const reason = 'OCI runtime create failed';
    expect(
      localizeError({ message: reason, key: 'engine.refusedRequest', params: { reason } }, await translator('en')),
    ).toEqual({ message: reason });
  });
});
