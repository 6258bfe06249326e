import type { ErrorLike } from '../lib/localize-error';
import { useLocalizeError } from '../lib/useLocalizeError';

/** The engine's refusal of a dialog's form, in the page's language, with what to do about it. */
export function FormError({ error }: { error: ErrorLike | null | undefined }) {
  const localize = useLocalizeError();
  if (!error) return null;
  const shown = localize(error);
  return (
    <p className="field-error" role="alert">
      {shown.message}
      {shown.hint && <span className="alert-hint"> {shown.hint}</span>}
    </p>
  );
}
