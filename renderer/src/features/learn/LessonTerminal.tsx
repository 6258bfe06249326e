// The lesson's terminal: where the learner types the step's command. Where
// Wharf offers a terminal on this machine (the desktop app; browser mode on
// loopback), the learner can open it here, already pointed at Wharf's engine;
// otherwise, and besides, it says how to open one and which engine to point
// it at.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useEngineState } from '../engine/queries';
import { HostShellPanel } from '../shell/HostShellPanel';
import { useShellAvailable } from '../shell/queries';
import { StepCommand } from './StepParts';

/** `DOCKER_HOST=…` for an engine a docker CLI can reach by address (not over ssh or a pipe Wharf set up). */
function dockerHostLine(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined || !/^(unix|tcp|npipe):\/\//.test(endpoint)) return undefined;
  return `export DOCKER_HOST=${endpoint}`;
}

export function LessonTerminal({ command }: { command: string | undefined }) {
  const { t } = useTranslation();
  const state = useEngineState().data;
  const endpoint = state?.phase === 'connected' ? state.engine.endpoint : undefined;
  const hostLine = dockerHostLine(endpoint);
  const offered = useShellAvailable().data?.available === true;
  const [open, setOpen] = useState(false);
  return (
    <section className="lesson-section lesson-terminal" aria-labelledby="lesson-terminal-title">
      <h2 id="lesson-terminal-title" className="section-title">
        {t('learn.terminal.title')}
      </h2>
      {offered && (
        <>
          <p>{t('learn.terminal.here')}</p>
          <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('learn.terminal.closeHere') : t('learn.terminal.openHere')}
          </button>
          {open && <HostShellPanel />}
        </>
      )}
      <p>{t('learn.terminal.open')}</p>
      {hostLine && (
        <>
          <p className="muted">{t('learn.terminal.sameEngine')}</p>
          <div className="lesson-command">
            <pre>
              <code>{hostLine}</code>
            </pre>
            <CopyButton text={hostLine} label={t('learn.terminal.copyHost')} />
          </div>
        </>
      )}
      {command !== undefined && (
        <>
          <p className="muted">{t('learn.terminal.thenType')}</p>
          <StepCommand command={command} />
        </>
      )}
    </section>
  );
}
