// The one tab strip: a tablist of tabs, each controlling its panel. Only the
// selected tab is in the Tab order (roving tabindex); Left and Right move to
// the previous and next tab (wrapping), Home and End to the first and last,
// each selecting the tab it moves to. A tab with `href` is a link
// (the address names the tab), else a button. Nothing but tabs goes inside:
// a tab's other controls (close) belong beside the tablist.
import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: ReactNode;
  href?: string;
  className?: string;
  style?: CSSProperties;
}

interface Props {
  /** The tablist's accessible name. */
  label: string;
  /** Prefix of the element ids: `${idPrefix}tab-<id>` and `${idPrefix}panel-<id>`. */
  idPrefix: string;
  tabs: readonly TabItem[];
  /** No tab is selected while undefined (the first one is then in the Tab order). */
  selected: string | undefined;
  onSelect: (id: string) => void;
  className?: string;
  tabClassName?: string;
}

export const tabId = (idPrefix: string, id: string) => `${idPrefix}tab-${id}`;
export const panelId = (idPrefix: string, id: string) => `${idPrefix}panel-${id}`;

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function Tabs({ label, idPrefix, tabs, selected, onSelect, className, tabClassName }: Props) {
  const refs = useRef(new Map<string, HTMLElement>());
  const focusable = tabs.some((x) => x.id === selected) ? selected : tabs[0]?.id;

  const onKeyDown = (e: KeyboardEvent) => {
    const step = STEP[e.key];
    const from = tabs.findIndex((x) => x.id === (e.target as HTMLElement).dataset.tab);
    if (!step || from < 0) return;
    e.preventDefault();
    const to = tabs[step(from, tabs.length)]!.id;
    onSelect(to);
    refs.current.get(to)?.focus();
  };

  return (
    // Focus goes to the tabs themselves (roving tabindex), not to the list: the keys reach it from them.
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {tabs.map((x) => {
        const props = {
          ref: (el: HTMLElement | null) => {
            if (el) refs.current.set(x.id, el);
            else refs.current.delete(x.id);
          },
          role: 'tab',
          id: tabId(idPrefix, x.id),
          'data-tab': x.id,
          'aria-selected': x.id === selected,
          'aria-controls': panelId(idPrefix, x.id),
          tabIndex: x.id === focusable ? 0 : -1,
          className: [tabClassName, x.className].filter(Boolean).join(' ') || undefined,
          style: x.style,
        };
        return x.href === undefined ? (
          <button key={x.id} type="button" {...props} onClick={() => onSelect(x.id)}>
            {x.label}
          </button>
        ) : (
          <a
            key={x.id}
            href={x.href}
            {...props}
            onClick={(e) => {
              e.preventDefault();
              onSelect(x.id);
            }}
          >
            {x.label}
          </a>
        );
      })}
    </div>
  );
}

/** The panel of one tab, named by it. */
export function TabPanel({
  idPrefix,
  id,
  hidden,
  className,
  children,
}: {
  idPrefix: string;
  id: string;
  hidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(idPrefix, id)}
      aria-labelledby={tabId(idPrefix, id)}
      hidden={hidden}
      className={className}
    >
      {children}
    </div>
  );
}
