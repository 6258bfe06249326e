// Registry logins: which registries have saved credentials (names only; the
// runtime never sends a password back) — Wharf's own and those made with the
// docker CLI or Podman, each saying where it comes from — log in, log out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { registryKeys } from './queries';
import { formatRelative } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { CommandPreview } from '../../components/CommandPreview';
import { useRegistryLogins } from './TransferDialogs';
import { useImageDescribe, useImageRunner } from './useImageAction';

const HOST = /^[a-zA-Z0-9.-]+(?::\d{1,5})?$/;

export function RegistriesDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useUi((s) => s.language);
  const logins = useRegistryLogins();
  const toolFiles = useQuery({
    queryKey: registryKeys.toolFiles(),
    queryFn: () => client.request('registry.toolFiles', {}),
  });
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [forCli, setForCli] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const host = registry.trim();
  const validHost = HOST.test(host);
  const ready = validHost && username.trim() !== '' && password !== '';
  const described = useImageDescribe({
    action: 'login',
    registry: validHost ? host : 'REGISTRY',
    username: username.trim() || 'USER',
  });
  const login = useImageRunner();
  const logout = useImageRunner();
  const refresh = () => queryClient.invalidateQueries({ queryKey: registryKeys.list() });

  const submit = async () => {
    if (!ready) return;
    setSaid(null);
    const result = await login.run(() =>
      client.request('registry.login', {
        registry: host,
        username: username.trim(),
        password,
        ...(forCli ? { saveForDockerCli: true } : {}),
      }),
    );
    // The password leaves the page once it was sent, whatever the answer.
    setPassword('');
    if (result) {
      const loggedIn = t('registries.loggedIn', { registry: result.registry, username: result.username });
      const cli = result.dockerCli;
      setSaid(
        cli === undefined
          ? loggedIn
          : cli.saved
            ? `${loggedIn} ${cli.helper ? t('registries.cliSavedHelper', { helper: cli.helper }) : t('registries.cliSaved', { file: cli.file })}`
            : `${loggedIn} ${t('registries.cliNotSaved', { reason: cli.reason })}`,
      );
      // Only what was sent is cleared: the fields are locked while the login
      // is on its way, but nothing typed afterwards is ever wiped.
      setRegistry((r) => (r.trim() === host ? '' : r));
      setUsername((u) => (u.trim() === username.trim() ? '' : u));
      await refresh();
    }
  };
  const signOut = async (name: string) => {
    setSaid(null);
    if (await logout.run(() => client.request('registry.logout', { registry: name }))) {
      setSaid(t('registries.loggedOut', { registry: name }));
      await refresh();
    }
  };

  return (
    <Dialog
      title={t('registries.title')}
      onCancel={onDone}
      footer={
        <button type="button" className="button" onClick={onDone}>
          {t('transfer.close')}
        </button>
      }
    >
      <p className="muted small">{t('registries.explain')}</p>
      <section aria-label={t('registries.listLabel')} className="registry-list">
        <h3 className="registry-heading">{t('registries.listLabel')}</h3>
        {logins.data?.length === 0 && <p className="muted">{t('registries.none')}</p>}
        <ul>
          {logins.data?.map((l) => (
            <li key={l.registry} data-testid="registry-login" data-registry={l.registry}>
              <span>
                <strong className="mono">{l.registry}</strong>
                <span className="muted small" data-testid="registry-login-source" data-source={l.source ?? 'wharf'}>
                  {' '}
                  {l.savedAt !== undefined && (l.source ?? 'wharf') === 'wharf'
                    ? t('registries.savedAs', {
                        username: l.username,
                        when: formatRelative(new Date(l.savedAt), language),
                      })
                    : t(`registries.from.${l.source ?? 'wharf'}`, { username: l.username, helper: l.helper ?? '' })}
                </span>
              </span>
              {(l.source ?? 'wharf') === 'wharf' ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={logout.busy}
                  aria-label={t('registries.logoutName', { registry: l.registry })}
                  onClick={() => void signOut(l.registry)}
                >
                  {t('registries.logout')}
                </button>
              ) : (
                <span className="muted small" title={l.file}>
                  {t(l.source === 'podman' ? 'registries.logoutPodman' : 'registries.logoutCli', {
                    registry: l.registry,
                  })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      {toolFiles.data?.dockerConfig && (
        <p className="muted small" data-testid="registry-tool-files">
          {t('registries.toolFiles', { file: toolFiles.data.dockerConfig })}
        </p>
      )}
      {(toolFiles.data?.problems.length ?? 0) > 0 && (
        <ul className="notice" data-testid="registry-tool-problems" aria-label={t('registries.problemsLabel')}>
          {toolFiles.data?.problems.map((p, i) => (
            <li key={i}>
              {t(`registries.problem.${p.kind}`, {
                file: p.file ?? '',
                helper: p.helper ?? '',
                registry: p.registry ?? '',
                detail: p.detail ?? '',
              })}
            </li>
          ))}
        </ul>
      )}
      {logout.errors.length > 0 && <ErrorAlert title={t('registries.logoutFailed')} messages={logout.errors} />}
      <form
        className="form-grid registry-form"
        aria-label={t('registries.loginTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 className="registry-heading">{t('registries.loginTitle')}</h3>
        <label className="field">
          <span className="field-label">{t('registries.registry')}</span>
          <input
            type="text"
            className="mono"
            spellCheck={false}
            autoCapitalize="off"
            placeholder="127.0.0.1:5000"
            value={registry}
            disabled={login.busy}
            aria-invalid={registry !== '' && !validHost}
            onChange={(e) => setRegistry(e.target.value)}
          />
          <span className={registry !== '' && !validHost ? 'field-error' : 'check-help'}>
            {registry !== '' && !validHost ? t('registries.badRegistry') : t('registries.registryHelp')}
          </span>
        </label>
        <label className="field">
          <span className="field-label">{t('registries.username')}</span>
          <input
            type="text"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            value={username}
            disabled={login.busy}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('registries.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            disabled={login.busy}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={forCli} disabled={login.busy} onChange={(e) => setForCli(e.target.checked)} />
          <span>
            {t('registries.saveForCli')}
            <span className="check-help">{t('registries.saveForCliHelp')}</span>
          </span>
        </label>
        <p className="muted small">{t('registries.stored')}</p>
        <CommandPreview command={described.data?.command} failed={described.isError} />
        {login.errors.length > 0 && <ErrorAlert title={t('registries.loginFailed')} messages={login.errors} />}
        {said && (
          <p className="notice" role="status">
            {said}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!ready || login.busy}>
            {login.busy ? t('registries.loggingIn') : t('registries.login')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
