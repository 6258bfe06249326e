// The one right-click menu every list uses: a row's actions (the same as its
// buttons, each with the docker command it stands for) and copying its id,
// name or command. Opened by a right click, or by Shift+F10 or the Menu key
// while focus is in the row. An in-page menu (role=menu): arrow keys, Home,
// End and a first letter move, Enter or Space choose, Escape or Tab close,
// and focus goes back to where it was.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './context-menu.css';

export interface MenuItem {
  /** Stable within the menu. */
  id: string;
  label: string;
  /** The docker command it stands for, shown beside it and read as its description. */
  command?: string | undefined;
  disabled?: boolean | undefined;
  /** Removes something (it still asks first, in the page's dialog). */
  danger?: boolean | undefined;
  /** A line above it: the copy items after the actions. */
  separated?: boolean | undefined;
  onSelect: () => void;
}

interface OpenMenu {
  label: string;
  items: readonly MenuItem[];
  x: number;
  y: number;
  returnTo: HTMLElement | null;
}

/** A row's right click or key press, handed to `openFrom`. */
export type RowMenuEvent = React.MouseEvent<HTMLElement> | React.KeyboardEvent<HTMLElement>;

/** Whether a key press asks for the context menu: Shift+F10, or the Menu key. */
export function isMenuKey(e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }) {
  if (e.ctrlKey || e.altKey || e.metaKey) return false;
  return e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey);
}

/**
 * A menu for a list. `openFrom(event, label, items)` opens it from a row's
 * contextmenu or keydown event (other keys are left alone), `element` is
 * rendered once by the list.
 */
export function useContextMenu() {
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const openFrom = useCallback((e: RowMenuEvent, label: string, items: () => readonly MenuItem[]) => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (e.type === 'contextmenu') {
      const mouse = e as React.MouseEvent<HTMLElement>;
      mouse.preventDefault();
      // A right click is about the row: focus comes back to the row's first control.
      const row = mouse.currentTarget;
      const within =
        focused && row.contains(focused) ? focused : row.querySelector<HTMLElement>('a[href], button, input');
      setMenu({ label, items: items(), x: mouse.clientX, y: mouse.clientY, returnTo: within ?? focused });
      return;
    }
    const key = e as React.KeyboardEvent<HTMLElement>;
    if (!isMenuKey(key)) return;
    key.preventDefault();
    key.stopPropagation();
    const from = (key.target as HTMLElement).getBoundingClientRect();
    setMenu({ label, items: items(), x: from.left, y: from.bottom, returnTo: focused });
  }, []);
  const close = useCallback(() => setMenu(null), []);
  const element = menu ? <ContextMenu key={`${menu.x}:${menu.y}:${menu.label}`} menu={menu} onClose={close} /> : null;
  return { openFrom, element, isOpen: menu !== null };
}

function ContextMenu({ menu, onClose }: { menu: OpenMenu; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const [place, setPlace] = useState({ left: menu.x, top: menu.y });
  const items = menu.items;

  const close = useCallback(
    (refocus: boolean) => {
      onClose();
      if (refocus && menu.returnTo?.isConnected) menu.returnTo.focus();
    },
    [menu.returnTo, onClose],
  );

  // Kept inside the window: flipped left or up when it would run off.
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    const left = menu.x + box.width > window.innerWidth - 4 ? Math.max(4, menu.x - box.width) : menu.x;
    const top = menu.y + box.height > window.innerHeight - 4 ? Math.max(4, menu.y - box.height) : menu.y;
    setPlace({ left, top });
    // The first item that can be chosen has focus (the first one when none can).
    const first =
      ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ??
      ref.current?.querySelector<HTMLElement>('[role="menuitem"]');
    first?.focus();
  }, [menu.x, menu.y]);

  // A press elsewhere, a scroll or the window losing focus closes it (focus stays where the user put it).
  useEffect(() => {
    const outside = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) close(false);
    };
    const away = () => close(false);
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('scroll', outside, true);
    window.addEventListener('blur', away);
    window.addEventListener('resize', away);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('scroll', outside, true);
      window.removeEventListener('blur', away);
      window.removeEventListener('resize', away);
    };
  }, [close]);

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home' || e.key === 'PageUp') focus(0);
    else if (e.key === 'End' || e.key === 'PageDown') focus(buttons.length - 1);
    else if (e.key === 'Escape' || isMenuKey(e)) close(true);
    else if (e.key === 'Tab') close(true);
    else if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Type-ahead: the next item whose label starts with the letter.
      const letter = e.key.toLocaleLowerCase();
      const next = items.findIndex((item, i) => i > at && item.label.toLocaleLowerCase().startsWith(letter));
      const first = items.findIndex((item) => item.label.toLocaleLowerCase().startsWith(letter));
      if (next >= 0 || first >= 0) focus(next >= 0 ? next : first);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={menu.label}
      className="context-menu"
      style={{ left: place.left, top: place.top }}
      data-testid="context-menu"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i): ReactNode => {
        const commandId = `${id}-c${i}`;
        return (
          <button
            key={item.id}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`context-menu-item${item.danger ? ' danger' : ''}${item.separated ? ' separated' : ''}`}
            aria-disabled={item.disabled ? true : undefined}
            aria-describedby={item.command ? commandId : undefined}
            onClick={() => choose(item)}
            onMouseEnter={(e) => e.currentTarget.focus()}
          >
            <span className="context-menu-label">{item.label}</span>
            {item.command && (
              // Hidden from the item's name, read as its description.
              <code id={commandId} className="context-menu-command" aria-hidden="true">
                {item.command}
              </code>
            )}
          </button>
        );
      })}
    </div>,
    document.body,
  );
}
