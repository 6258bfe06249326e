// "Up": create and start the project's containers from its file, with the
// options a learner meets first, each explained; the exact command shows as
// options change. Once started the dialog shows the progress, with Cancel.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandBox } from '../../components/CommandLine';
import { Dialog } from '../../components/Dialog';
import { composeCommand, type ComposeCommandTarget, type ComposeOp } from './compose-command';
import { useComposeUi } from './compose-store';
import { RunProgress } from './RunProgress';
import { useComposeRun } from './useComposeRun';

interface Props {
  target: ComposeCommandTarget;
  fileId?: string | undefined;
  /** Every service the file declares. */
  services: readonly string[];
  /** Every profile a service of the file names. */
  profiles: readonly string[];
  onClose: () => void;
}

export function UpDialog({ target, fileId, services, profiles, onClose }: Props) {
  const { t } = useTranslation();
  const ids = useId();
  const { run, cancel } = useComposeRun();
  const [started, setStarted] = useState(false);
  const running = useComposeUi((s) => started && s.runs[target.project]?.done === false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [chosenProfiles, setChosenProfiles] = useState<string[]>([]);
  const [build, setBuild] = useState(false);
  const [pull, setPull] = useState<'missing' | 'always' | 'never'>('missing');
  const [forceRecreate, setForceRecreate] = useState(false);
  const [removeOrphans, setRemoveOrphans] = useState(false);
  const op: ComposeOp = {
    kind: 'up',
    build,
    pull,
    forceRecreate,
    removeOrphans,
    ...(chosen.length > 0 ? { services: chosen } : {}),
    ...(chosenProfiles.length > 0 ? { profiles: chosenProfiles } : {}),
  };
  const toggle = (list: string[], set: (l: string[]) => void, name: string, on: boolean) =>
    set(on ? [...list, name].sort() : list.filter((x) => x !== name));
  const check = (label: string, help: string, on: boolean, set: (on: boolean) => void, flag?: string) => (
    <label className="check">
      <input type="checkbox" checked={on} disabled={started} onChange={(e) => set(e.target.checked)} />
      <span>
        {label} {flag && <code className="run-flag">{flag}</code>}
        <span className="check-help">{help}</span>
      </span>
    </label>
  );

  return (
    <Dialog
      title={t('compose.up.title', { project: target.project })}
      onCancel={onClose}
      busy={running}
      footer={
        running ? (
          <button type="button" className="button button-danger-quiet" onClick={() => cancel(target.project)}>
            {t('compose.up.cancel')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {started ? t('compose.up.close') : t('common.cancel')}
            </button>
            {!started && (
              <button
                type="button"
                className="button button-primary"
                data-autofocus
                onClick={() => {
                  setStarted(true);
                  run(target.project, op, fileId);
                }}
              >
                {t('compose.actions.up')}
              </button>
            )}
          </>
        )
      }
    >
      <div className="form-grid compose-up">
        <p className="muted small">{t('compose.up.explain')}</p>
        {services.length > 0 && (
          <fieldset className="compose-choices" disabled={started}>
            <legend>{t('compose.up.services')}</legend>
            <p className="check-help">{t('compose.up.servicesHelp')}</p>
            {services.map((s) => (
              <label key={s} className="check-inline">
                <input
                  type="checkbox"
                  checked={chosen.includes(s)}
                  onChange={(e) => toggle(chosen, setChosen, s, e.target.checked)}
                />
                <span className="mono">{s}</span>
              </label>
            ))}
          </fieldset>
        )}
        {profiles.length > 0 && (
          <fieldset className="compose-choices" disabled={started}>
            <legend>{t('compose.up.profiles')}</legend>
            <p className="check-help">{t('compose.up.profilesHelp')}</p>
            {profiles.map((p) => (
              <label key={p} className="check-inline">
                <input
                  type="checkbox"
                  checked={chosenProfiles.includes(p)}
                  onChange={(e) => toggle(chosenProfiles, setChosenProfiles, p, e.target.checked)}
                />
                <span className="mono">{p}</span>
              </label>
            ))}
          </fieldset>
        )}
        {check(t('compose.up.build'), t('compose.up.buildHelp'), build, setBuild, '--build')}
        <div className="field">
          <label htmlFor={`${ids}-pull`}>
            {t('compose.up.pull')} <code className="run-flag">--pull</code>
          </label>
          <select
            id={`${ids}-pull`}
            value={pull}
            disabled={started}
            onChange={(e) => setPull(e.target.value as typeof pull)}
            aria-describedby={`${ids}-pull-help`}
          >
            <option value="missing">{t('compose.up.pullMissing')}</option>
            <option value="always">{t('compose.up.pullAlways')}</option>
            {/* Only the compose plugin can be kept from pulling a missing image. */}
            <option value="never" disabled={target.tool !== 'compose-plugin'}>
              {t('compose.up.pullNever')}
            </option>
          </select>
          <span id={`${ids}-pull-help`} className="field-help">
            {t('compose.up.pullHelp')}
          </span>
        </div>
        {check(
          t('compose.up.forceRecreate'),
          t('compose.up.forceRecreateHelp'),
          forceRecreate,
          setForceRecreate,
          '--force-recreate',
        )}
        {check(
          t('compose.up.removeOrphans'),
          t('compose.up.removeOrphansHelp'),
          removeOrphans,
          setRemoveOrphans,
          '--remove-orphans',
        )}
        <div className="command-preview">
          <span className="command-preview-label">{t('common.commandLabel')}</span>
          <CommandBox
            command={composeCommand(target, op)}
            valid
            fix=""
            copyLabel={t('details.copyCommand')}
            testId="up-command"
          />
        </div>
        {started && <RunProgress project={target.project} />}
      </div>
    </Dialog>
  );
}
