// One field of the run form: its label, the flag it sets, what the flag
// means (in the UI's language) and what is wrong with it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from './run-draft';

export function problemId(path: string): string {
  return `run-problem-${path.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

/** The message of a field's problem, or nothing. */
export function Problem({ path, problem }: { path: string; problem: FieldProblem | undefined }) {
  const { t } = useTranslation();
  if (problem === undefined) return null;
  return (
    <span className="field-error" id={problemId(path)} data-testid="field-error" data-field={path}>
      {t(`run.errors.${problem.key}`, problem.params ?? {})}
    </span>
  );
}

export function Field({
  id,
  label,
  flag,
  help,
  path,
  problem,
  children,
}: {
  id: string;
  label: string;
  flag?: string;
  help: ReactNode;
  path: string;
  problem: FieldProblem | undefined;
  children: ReactNode;
}) {
  return (
    <div className="run-field">
      <div className="run-field-head">
        <label htmlFor={id}>{label}</label>
        {flag !== undefined && <code className="run-flag">{flag}</code>}
      </div>
      {children}
      <Problem path={path} problem={problem} />
      <span className="field-help">{help}</span>
    </div>
  );
}

/** The props an input of a field gets so its problem is announced with it. */
export function invalidProps(path: string, problem: FieldProblem | undefined) {
  return problem === undefined ? {} : { 'aria-invalid': true as const, 'aria-describedby': problemId(path) };
}

export function Section({
  title,
  flag,
  intro,
  children,
}: {
  title: string;
  flag?: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className="run-section">
      <legend>
        {title}
        {flag !== undefined && <code className="run-flag">{flag}</code>}
      </legend>
      <p className="run-section-intro">{intro}</p>
      {children}
    </fieldset>
  );
}
