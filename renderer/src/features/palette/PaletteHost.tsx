// The command palette's home in the top bar: its button, the shortcuts that
// work on every page (Ctrl/Cmd+K, Ctrl/Cmd+1…9, ?), and what a chosen entry
// does: the same hooks the pages use, and for what removes something, the
// same dialog the page asks with. Focus returns where it was.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import { SearchIcon } from '../../components/Icons';
import { sidebarFeatures } from '../../components/Sidebar';
import { hrefTo, navigate, useHashLocation } from '../../lib/useHashRoute';
import { useUi } from '../../state/ui-store';
import { DownDialog } from '../compose/DownDialog';
import { useComposeRun } from '../compose/useComposeRun';
import { useContainers } from '../containers/queries';
import { RemoveDialog } from '../containers/RemoveDialog';
import { useContainerActions } from '../containers/useContainerActions';
import { namesOf, usersByImage } from '../images/image-refs';
import { RemoveImagesDialog } from '../images/RemoveImagesDialog';
import { RemoveNetworkDialog } from '../networks/NetworkDialogs';
import { RemoveVolumeDialog } from '../volumes/VolumeDialogs';
import { volumeUsers } from '../volumes/volume-users';
import { CommandPalette } from './CommandPalette';
import type { PaletteEntry, PaletteRun } from './entries';
import { ShortcutsDialog } from './ShortcutsDialog';
import { isMacPlatform, modifierAria, modifierLabel, shortcutFor, shortcutRows, type FocusKind } from './shortcuts';
import './palette.css';

type Asking =
  | { kind: 'palette' }
  | { kind: 'shortcuts' }
  | { kind: 'remove-container'; container: ContainerSummary }
  | { kind: 'remove-image'; image: ImageSummary }
  | { kind: 'remove-volume'; name: string }
  | { kind: 'remove-network'; network: NetworkInfo }
  | { kind: 'compose-down'; run: Extract<PaletteRun, { kind: 'compose' }> };

const MAC = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform || navigator.userAgent);

function focusKind(target: EventTarget | null, palette: HTMLElement | null): FocusKind {
  const el = target instanceof Element ? target : null;
  const openDialog = document.querySelector('dialog[open]');
  return {
    textField: el?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') != null,
    terminal: el?.closest('.xterm') != null,
    editor: el?.closest('.cm-editor') != null,
    dialog: openDialog !== null && openDialog !== palette,
  };
}

export function PaletteHost() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Asking | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const location = useHashLocation();
  const selected = useUi((s) => s.selected);
  const containers = useContainers().data;
  const act = useContainerActions();
  const { run: composeRun } = useComposeRun();

  const pages = useMemo(() => sidebarFeatures().map((f) => ({ route: f.route, label: t(f.nav.labelKey) })), [t]);
  const focus = useMemo(
    () => new Set([...Object.keys(selected), ...location.params.slice(0, 1)]),
    [selected, location.params],
  );

  const open = useCallback((kind: 'palette' | 'shortcuts') => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking({ kind });
  }, []);
  /** Closes what is open, and gives focus back to where it was (when it is still there). */
  const done = useCallback(() => {
    setAsking(null);
    const back = returnTo.current;
    // After the dialog's own close, which focuses what it saw first.
    requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const palette = document.querySelector<HTMLElement>('dialog[data-testid="command-palette"]');
      const shortcut = shortcutFor(e, focusKind(e.target, palette), MAC);
      // While the palette is open, its own keys only (and Ctrl/Cmd+K closes it).
      if (!shortcut || (palette && shortcut.kind !== 'palette')) return;
      e.preventDefault();
      e.stopPropagation();
      if (shortcut.kind === 'palette') {
        if (palette) done();
        else open('palette');
      } else if (shortcut.kind === 'help') open('shortcuts');
      else {
        const page = pages[shortcut.index];
        if (page) navigate(hrefTo(page.route));
      }
    };
    // Capture: seen before a terminal or an editor takes the key (they keep every key but Ctrl/Cmd+K).
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [pages, open, done]);

  const choose = (entry: PaletteEntry) => {
    const run = entry.run;
    switch (run.kind) {
      case 'navigate':
        setAsking(null);
        navigate(run.href);
        return;
      case 'shortcuts':
        setAsking({ kind: 'shortcuts' });
        return;
      case 'container':
        if (run.action === 'remove') setAsking({ kind: 'remove-container', container: run.container });
        else {
          done();
          void act(run.action, [run.container]);
        }
        return;
      case 'remove-image':
        setAsking({ kind: 'remove-image', image: run.image });
        return;
      case 'remove-volume':
        setAsking({ kind: 'remove-volume', name: run.name });
        return;
      case 'remove-network':
        setAsking({ kind: 'remove-network', network: run.network });
        return;
      case 'compose':
        if (run.op === 'down') setAsking({ kind: 'compose-down', run });
        else {
          done();
          composeRun(run.project.name, { kind: run.op }, run.project.fileId);
        }
    }
  };

  const mod = modifierLabel(MAC);
  return (
    <>
      <button
        type="button"
        className="palette-button"
        aria-keyshortcuts={`${modifierAria(MAC)}+K`}
        aria-haspopup="dialog"
        onClick={() => open('palette')}
      >
        <SearchIcon size={14} />
        <span>{t('palette.open')}</span>
        <kbd aria-hidden="true">{mod} K</kbd>
      </button>
      {asking?.kind === 'palette' && <CommandPalette pages={pages} focus={focus} onChoose={choose} onClose={done} />}
      {asking?.kind === 'shortcuts' && (
        <ShortcutsDialog
          rows={shortcutRows(
            MAC,
            pages.map((p) => p.label),
          )}
          onClose={done}
        />
      )}
      {asking?.kind === 'remove-container' && (
        <RemoveDialog
          targets={[asking.container]}
          onCancel={done}
          onConfirm={(options) => {
            done();
            void act('remove', [asking.container], options);
          }}
        />
      )}
      {asking?.kind === 'remove-image' && (
        <RemoveImagesDialog
          images={[
            {
              id: asking.image.id,
              names: namesOf(asking.image),
              users: usersByImage(containers).get(asking.image.id) ?? [],
            },
          ]}
          onDone={done}
        />
      )}
      {asking?.kind === 'remove-volume' && (
        <RemoveVolumeDialog name={asking.name} users={volumeUsers(containers).get(asking.name) ?? []} onDone={done} />
      )}
      {asking?.kind === 'remove-network' && <RemoveNetworkDialog network={asking.network} onDone={done} />}
      {asking?.kind === 'compose-down' && (
        <DownDialog
          target={{
            tool: asking.run.tool,
            project: asking.run.project.name,
            ...(asking.run.project.filesReachable ? { files: asking.run.project.configFiles } : {}),
          }}
          onCancel={done}
          onConfirm={(op) => {
            done();
            composeRun(asking.run.project.name, op, asking.run.project.fileId);
          }}
        />
      )}
    </>
  );
}
