// Which compose tool Wharf drives and its version, or how to install one.
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useComposeTool } from './queries';

export function ToolStatus() {
  const { t } = useTranslation();
  const tool = useComposeTool();
  if (!tool.data)
    return tool.isError ? (
      <ErrorAlert title={t('compose.tool.unknown')} messages={[{ message: String(tool.error) }]} />
    ) : null;
  const { tool: found, candidates, problem } = tool.data;
  if (found) {
    return (
      <p className="compose-tool" data-testid="compose-tool">
        {t('compose.tool.using')} <code>{found.command}</code>{' '}
        <span className="muted">{t('compose.tool.version', { version: found.version })}</span>
      </p>
    );
  }
  return (
    <div className="compose-tool-missing" data-testid="compose-tool">
      <ErrorAlert title={t('compose.tool.none')} messages={problem ? [problem] : []} />
      <p>{t('compose.tool.install')}</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.kind}>
            <code>{c.command}</code> — {t(`compose.tool.how.${c.kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
