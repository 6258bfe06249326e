// The images table: names (each with its untag button), id, size, created,
// the containers made from it, and the row's actions.
import { useTranslation } from 'react-i18next';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import { Breakable } from '../../components/Breakable';
import { CloseIcon, PlayIcon } from '../../components/Icons';
import { TableFrame } from '../../components/TableFrame';
import { formatBytes, formatExact, formatRelative, shortId } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { useNow } from '../../lib/useNow';
import { tooltipProps } from '../../state/tooltip-store';
import { useUi } from '../../state/ui-store';
import { namesOf, refOf, runHref } from './image-refs';
import { useContextMenu, type MenuItem } from '../../components/ContextMenu';
import { navigate } from '../../lib/useHashRoute';
import { copyItems } from '../palette/row-menu';

export type RowAction = 'tag' | 'push' | 'save' | 'remove';

interface Props {
  images: readonly ImageSummary[];
  users: ReadonlyMap<string, string[]>;
  selected: ReadonlySet<string>;
  stale: boolean;
  onSelect: (ids: readonly string[], on: boolean) => void;
  onAction: (action: RowAction, image: ImageSummary) => void;
  onUntag: (name: string, image: ImageSummary) => void;
  /** Ids with an action running (save). */
  busy: ReadonlySet<string>;
}

export function ImagesTable({ images, users, selected, stale, onSelect, onAction, onUntag, busy }: Props) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const now = useNow(60_000);
  const chosen = images.filter((i) => selected.has(i.id)).length;
  const menu = useContextMenu();

  /** The row's menu: its buttons, each with the command it stands for, then copy. */
  const menuItems = (image: ImageSummary): MenuItem[] => {
    const ref = refOf(image);
    const names = namesOf(image);
    return [
      {
        id: 'run',
        label: t('imageActions.run'),
        command: dockerCommand('container.run', { image: ref, detach: true }),
        onSelect: () => navigate(runHref(ref)),
      },
      {
        id: 'layers',
        label: t('imageActions.layers'),
        command: dockerCommand('image.history', { image: ref }),
        onSelect: () => navigate(hrefTo('images', image.id)),
      },
      { id: 'tag', label: t('imageActions.tag'), onSelect: () => onAction('tag', image) },
      ...(names.length > 0
        ? [
            {
              id: 'push',
              label: t('imageActions.push'),
              command: dockerCommand('image.push', { image: ref }),
              onSelect: () => onAction('push', image),
            },
          ]
        : []),
      {
        id: 'save',
        label: t('imageActions.save'),
        command: dockerCommand('image.save', { images: [ref] }),
        disabled: busy.has(image.id),
        onSelect: () => onAction('save', image),
      },
      {
        id: 'remove',
        label: t('actions.remove'),
        command: dockerCommand('image.rmi', { images: names.length > 0 ? names : [ref] }),
        disabled: stale,
        danger: true,
        onSelect: () => onAction('remove', image),
      },
      ...copyItems(t, { id: image.id, name: ref, command: dockerCommand('image.inspect', { images: [ref] }) }),
    ];
  };

  return (
    <TableFrame
      label={t('images.tableName')}
      learn="images.list"
      className="images-table"
      stale={stale}
      selectAll={{
        total: images.length,
        selected: chosen,
        onChange: (on) =>
          onSelect(
            images.map((i) => i.id),
            on,
          ),
      }}
      columns={[
        { col: 'col-tags', head: t('images.colTags') },
        { col: 'col-id', head: t('images.colId') },
        { col: 'col-size', head: t('images.colSize'), className: 'num' },
        { col: 'col-icreated', head: t('images.colCreated') },
        { col: 'col-count', head: t('images.colContainers'), className: 'num' },
        { col: 'col-iactions', head: t('imageActions.colActions'), hidden: true },
      ]}
    >
      {images.map((image) => {
        const created = new Date(image.created * 1000);
        const usedBy = users.get(image.id) ?? [];
        const names = namesOf(image);
        const ref = refOf(image);
        return (
          <tr
            key={image.id}
            data-testid="image-row"
            onContextMenu={(e) => menu.openFrom(e, t('rowMenu.label', { name: ref }), () => menuItems(image))}
            onKeyDown={(e) => menu.openFrom(e, t('rowMenu.label', { name: ref }), () => menuItems(image))}
            data-id={image.id}
            data-learn-item={image.repoTags.filter((r) => r !== '<none>:<none>').join(' ') || undefined}
            className="row"
          >
            <td className="cell-check">
              <input
                type="checkbox"
                aria-label={t('imageActions.select', { name: ref })}
                checked={selected.has(image.id)}
                onChange={(e) => onSelect([image.id], e.target.checked)}
              />
            </td>
            <td>
              <div className="tags">
                {names.length === 0 ? (
                  <span className="tag tag-none" title={t('images.danglingHelp')}>
                    {t('images.untagged')}
                  </span>
                ) : (
                  names.map((name) => (
                    <span key={name} className="tag mono image-tag">
                      <span className="image-tag-name">
                        <Breakable text={name} />
                      </span>
                      <button
                        type="button"
                        className="tag-remove"
                        aria-label={t('imageActions.untagName', { name })}
                        title={dockerCommand('image.rmi', { images: [name] })}
                        onClick={() => onUntag(name, image)}
                      >
                        <CloseIcon size={11} />
                      </button>
                    </span>
                  ))
                )}
              </div>
            </td>
            <td className="mono" title={image.id}>
              <a
                className="id-link"
                href={hrefTo('images', image.id)}
                aria-label={t('imageActions.detailsName', { id: shortId(image.id), name: ref })}
              >
                {shortId(image.id)}
              </a>
            </td>
            <td className="num">{formatBytes(image.size)}</td>
            <td>
              <time dateTime={created.toISOString()} title={formatExact(created, language)}>
                {formatRelative(created, language, new Date(now))}
              </time>
            </td>
            <td className="num">
              {usedBy.length === 0 ? (
                <span className="muted" title={t('images.unusedHelp')}>
                  0
                </span>
              ) : (
                // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focusable so the keyboard reaches its tooltip
                <span className="count-pill" tabIndex={0} {...tooltipProps(usedBy.join(', '))}>
                  {usedBy.length}
                </span>
              )}
            </td>
            <td>
              <div className="row-actions">
                <a
                  className="button button-small"
                  href={runHref(ref)}
                  aria-label={t('imageActions.runName', { name: ref })}
                >
                  <PlayIcon size={12} />
                  {t('imageActions.run')}
                </a>
                <a
                  className="button button-small"
                  href={hrefTo('images', image.id)}
                  aria-label={t('imageActions.layersName', { name: ref })}
                >
                  {t('imageActions.layers')}
                </a>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('imageActions.tagName', { name: ref })}
                  data-learn="images.tag"
                  onClick={() => onAction('tag', image)}
                >
                  {t('imageActions.tag')}
                </button>
                {names.length > 0 && (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('imageActions.pushName', { name: ref })}
                    data-learn="images.push"
                    onClick={() => onAction('push', image)}
                  >
                    {t('imageActions.push')}
                  </button>
                )}
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy.has(image.id)}
                  aria-label={t('imageActions.saveName', { name: ref })}
                  onClick={() => onAction('save', image)}
                >
                  {busy.has(image.id) ? t('imageActions.saving') : t('imageActions.save')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  aria-label={t('imageActions.removeName', { name: ref })}
                  onClick={() => onAction('remove', image)}
                >
                  {t('actions.remove')}
                </button>
              </div>
            </td>
          </tr>
        );
      })}
      {menu.element}
    </TableFrame>
  );
}
