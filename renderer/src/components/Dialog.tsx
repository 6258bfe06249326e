// The one modal dialog: a native <dialog> opened with showModal(), so the
// page behind it is inert (no focus, no clicks, hidden from screen readers)
// and Tab wraps inside. Escape and a click on the backdrop cancel (not while
// `busy`), the page behind does not scroll, and focus returns to where it
// was when the dialog closes. It is named by its title.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  footer: ReactNode;
  /** While something runs that Escape or the backdrop must not interrupt. */
  busy?: boolean;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, a[href], [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, onCancel, children, footer, busy = false }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  const busyNow = useRef(busy);
  useLayoutEffect(() => {
    cancel.current = onCancel;
    busyNow.current = busy;
  });
  const tryCancel = () => {
    if (!busyNow.current) cancel.current();
  };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    // Escape asks the dialog to close: it is this component's owner that closes it.
    const onNativeCancel = (e: Event) => {
      e.preventDefault();
      tryCancel();
    };
    // A close the owner did not ask for (the browser may insist on a second
    // Escape): open it again while busy, else tell the owner.
    const onClose = () => {
      if (!dialog.isConnected) return;
      if (busyNow.current) dialog.showModal();
      else cancel.current();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    dialog.addEventListener('close', onClose);
    return () => {
      dialog.removeEventListener('cancel', onNativeCancel);
      dialog.removeEventListener('close', onClose);
      dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return createPortal(
    // A modal <dialog> handles Escape, the Tab trap and its backdrop's click itself; they need listeners on it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Handled here, so the page behind (which may also listen for Escape) does not see it.
          e.preventDefault();
          e.stopPropagation();
          tryCancel();
        } else if (e.key === 'Tab' && ref.current) {
          // The page behind is inert, but Tab would still leave for the browser's own controls: wrap instead.
          const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
          const edge = e.shiftKey ? items[0] : items.at(-1);
          if (edge && document.activeElement === edge) {
            e.preventDefault();
            (e.shiftKey ? items.at(-1) : items[0])?.focus();
          }
        }
      }}
      // The dialog's own box has no padding: a press on the dialog element itself is on the backdrop.
      onMouseDown={(e) => e.target === e.currentTarget && tryCancel()}
    >
      <div className="dialog-frame">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-footer">{footer}</div>
      </div>
    </dialog>,
    document.body,
  );
}
