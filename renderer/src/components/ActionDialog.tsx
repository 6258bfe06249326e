// A dialog for one action: its body, then Cancel and the action's button.
// With `formId` the body is a form that the action's button submits (as
// Enter in one of its fields does); without, the action's button runs it and
// has focus first, as in a question before something is removed.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  onCancel: () => void;
  /** The action button's label. */
  action: string;
  onAction: () => void;
  /** The action button is disabled (while it runs, or while the input is not valid). */
  disabled?: boolean;
  /** 'danger' for an action that removes what the user has. */
  tone?: 'primary' | 'danger';
  /** Without a form, whether the action's button has focus first (not where one Enter would remove a whole list). */
  focusAction?: boolean;
  /** Makes the body a form with this id. */
  formId?: string;
  /** While the action runs and Escape or the backdrop must not interrupt it. */
  busy?: boolean;
  children: ReactNode;
}

export function ActionDialog({
  title,
  onCancel,
  action,
  onAction,
  disabled,
  tone = 'primary',
  focusAction = true,
  formId,
  busy,
  children,
}: Props) {
  const { t } = useTranslation();
  const className = `button button-${tone}`;
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      busy={busy}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          {formId ? (
            <button type="submit" form={formId} className={className} disabled={disabled}>
              {action}
            </button>
          ) : (
            <button
              type="button"
              className={className}
              data-autofocus={focusAction || undefined}
              disabled={disabled}
              onClick={onAction}
            >
              {action}
            </button>
          )}
        </>
      }
    >
      {formId ? (
        <form
          id={formId}
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            onAction();
          }}
        >
          {children}
        </form>
      ) : (
        children
      )}
    </Dialog>
  );
}
