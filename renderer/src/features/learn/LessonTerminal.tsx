// The lesson's terminal: where the learner types the step's command. The one
// place a terminal on this machine is shown inside a lesson; until Wharf has
// one, it says how to open one and which engine to point it at. Once
// features/shell/HostShellPanel exists, it is rendered here (in place of the
// explanation), and nowhere else in the lesson.
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { useEngineState } from '../engine/queries';
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
  return (
    <section className="lesson-section lesson-terminal" aria-labelledby="lesson-terminal-title">
      <h2 id="lesson-terminal-title" className="section-title">
        {t('learn.terminal.title')}
      </h2>
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
