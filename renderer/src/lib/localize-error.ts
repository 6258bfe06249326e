// Errors the runtime wrote itself carry a stable key: show them in the UI's
// language, falling back to the runtime's English text for keys we do not know.
// The engine's own words (params.reason) stay visible as a detail line.

/** What the runtime sends for an error (PlainError, ApiErrorBody, ApiError all fit). */
export interface ErrorLike {
  message: string;
  hint?: string | undefined;
  key?: string | undefined;
  params?: Record<string, string> | undefined;
}

export interface ShownError {
  message: string;
  hint?: string;
  /** The engine's own text, when it differs from the message shown. */
  detail?: string;
}

export interface Translator {
  t: (key: string, params?: Record<string, string>) => string;
  exists: (key: string) => boolean;
}

export function localizeError(error: ErrorLike, { t, exists }: Translator): ShownError {
  const reason = error.params?.reason;
  const base = error.key ? `apiErrors.${error.key}` : undefined;
  let shown: ShownError;
  if (base && exists(`${base}.message`)) {
    const params = error.params ?? {};
    shown = { message: t(`${base}.message`, params) };
    const hint = exists(`${base}.hint`) ? t(`${base}.hint`, params) : error.hint;
    if (hint) shown.hint = hint;
  } else {
    shown = { message: error.message };
    if (error.hint) shown.hint = error.hint;
  }
  // A message that already says the engine's words does not repeat them.
  if (reason && !shown.message.includes(reason)) shown.detail = reason;
  return shown;
}
