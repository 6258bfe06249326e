import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../i18n/resources';
import { localizeError, type Translator } from './localize-error';

async function translator(lng: 'en' | 'ko'): Promise<Translator> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return { t: (k, p) => i18n.t(k, p), exists: (k) => i18n.exists(k) };
}

describe('localizeError', () => {
  it('shows a keyed runtime message in Korean, with its values', async () => {
    const shown = localizeError(
      {
        message: 'No engine is listening at /tmp/x.sock: the socket does not exist.',
        hint: 'Start the engine, or choose another one in Settings.',
        key: 'engine.socketMissing',
        params: { where: '/tmp/x.sock' },
      },
      await translator('ko'),
    );
    expect(shown.message).toBe('/tmp/x.sock에서 응답하는 엔진이 없습니다. 소켓 파일이 없습니다.');
    expect(shown.hint).toBe('엔진을 시작하거나, 설정에서 다른 엔진을 고르세요.');
    expect(shown.detail).toBeUndefined();
  });

  it("keeps the engine's own reason as the detail line", async () => {
    const reason = 'Bind for 127.0.0.1:8080 failed: port is already allocated';
    const error = { message: reason, key: 'port.taken', params: { port: '8080', address: '127.0.0.1', reason } };
    expect(localizeError(error, await translator('ko'))).toEqual({
      message: '호스트 포트 8080은(는) 이미 사용 중입니다.',
      hint: '다른 프로그램이나 컨테이너가 호스트 포트 8080을(를) 쓰고 있습니다. 그것을 중지하거나 다른 포트로 공개하세요.',
      detail: reason,
    });
    expect(localizeError(error, await translator('en')).message).toBe('Host port 8080 is already in use.');
  });

  it('falls back to the English message and hint for an unknown key or none', async () => {
    const ko = await translator('ko');
    expect(localizeError({ message: 'something odd', hint: 'try again', key: 'no.such.key' }, ko)).toEqual({
      message: 'something odd',
      hint: 'try again',
    });
    expect(localizeError({ message: 'plain' }, ko)).toEqual({ message: 'plain' });
  });
});
