// Pieces of a step the lesson page and the coach both show: the exact
// command with a copy button, the files to write, and the step's state.
import { useTranslation } from 'react-i18next';
import type { LessonStep, StepState } from '../../../../runtime/domains/learn/types';
import { CopyButton } from '../../components/CopyButton';
import { CheckIcon } from '../../components/Icons';

export function StepCommand({ command }: { command: string }) {
  const { t } = useTranslation();
  return (
    <div className="lesson-command">
      <pre data-testid="step-command">
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label={t('learn.copyCommand')} />
    </div>
  );
}

export function StepFiles({ files }: { files: NonNullable<LessonStep['files']> }) {
  const { t } = useTranslation();
  return (
    <div className="lesson-files">
      {files.map((f) => (
        <figure key={f.name} className="lesson-file" data-testid="step-file" data-name={f.name}>
          <figcaption>
            <span className="mono">{f.name}</span>
            <CopyButton text={f.content} label={t('learn.copyFile', { name: f.name })} />
          </figcaption>
          <pre>
            <code>{f.content}</code>
          </pre>
        </figure>
      ))}
    </div>
  );
}

/** A step's state as a mark and words (the words are read out; the mark is decoration). */
export function StepMark({ state }: { state: StepState['status'] | undefined }) {
  const { t } = useTranslation();
  const status = state ?? 'todo';
  return (
    <span className={`step-mark step-${status}`} data-testid="step-mark">
      {status === 'done' ? <CheckIcon size={13} /> : <span className="step-dot" aria-hidden="true" />}
      <span className="visually-hidden">{t(`learn.stepStatus.${status}`)}</span>
    </span>
  );
}

/** What is off, in the learner's words, when the engine shows an attempt that is not right yet. */
export function StepOff({ state }: { state: StepState | undefined }) {
  if (state?.status !== 'off' || !state.message) return null;
  return (
    <p className="lesson-off" data-testid="step-off">
      {state.message}
    </p>
  );
}
