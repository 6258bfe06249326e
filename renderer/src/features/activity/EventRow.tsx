// One line of the activity feed: when, what happened in words, the command
// it stands for, and a link to what it touched.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEvent } from '../../../../runtime/domains/activity/types';
import { cliOf, linkOf, shortName } from '../../../../runtime/domains/activity/words';
import { formatExact } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { eventText } from './event-text';

export const EventRow = memo(function EventRow({
  event,
  language,
  routes,
}: {
  event: ActivityEvent;
  language: string;
  /** The pages this build has (a link goes only where there is one). */
  routes: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const command = cliOf(event);
  const link = linkOf(event);
  const time = new Date(event.time);
  const text = eventText(t, event);
  const bad =
    event.unexpected === true ||
    event.oom === true ||
    (event.action === 'health_status' && event.detail === 'unhealthy');
  return (
    <tr data-testid="activity-row" data-object={event.object} data-action={event.action} data-name={event.name}>
      <td className="activity-time">
        <time dateTime={time.toISOString()}>{formatExact(time, language)}</time>
      </td>
      <td className="activity-type">{t(`activity.types.${event.object}`)}</td>
      <td className="activity-what">
        <span className={bad ? 'exit-bad' : undefined}>{text}</span>
        {event.oom === true ? (
          <span className="badge badge-red activity-flag">{t('activity.oom')}</span>
        ) : (
          event.unexpected === true && <span className="badge badge-red activity-flag">{t('activity.unexpected')}</span>
        )}
        {command && <code className="activity-command">{command}</code>}
      </td>
      <td className="activity-link">
        {link && routes.has(link.route) && (
          <a href={hrefTo(link.route, link.id)} aria-label={t('activity.open', { name: shortName(event.name) })}>
            {shortName(event.name)}
          </a>
        )}
      </td>
    </tr>
  );
});
