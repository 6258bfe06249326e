// A search field with its match count and previous/next buttons: Enter goes
// to the next match, Shift+Enter to the previous one, Escape clears.
import { useTranslation } from 'react-i18next';
import { SearchIcon } from './Icons';

interface Props {
  label: string;
  placeholder: string;
  query: string;
  onQuery: (query: string) => void;
  /** The search as applied (empty: no search, no count shown). */
  needle: string;
  matchCount: number;
  matchIndex: number;
  go: (step: 1 | -1) => void;
  format?: (n: number) => string | number;
}

export function SearchBox({
  label,
  placeholder,
  query,
  onQuery,
  needle,
  matchCount,
  matchIndex,
  go,
  format = (n) => n,
}: Props) {
  const { t } = useTranslation();
  return (
    <>
      <div className="search logs-search">
        <SearchIcon className="search-icon" />
        <input
          type="search"
          aria-label={label}
          placeholder={placeholder}
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              go(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') onQuery('');
          }}
        />
      </div>
      <span className="logs-matches" role="status">
        {needle === ''
          ? ''
          : matchCount === 0
            ? t('logs.noMatches')
            : t('logs.matchOf', { n: format(Math.min(matchIndex, matchCount - 1) + 1), total: format(matchCount) })}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => go(-1)}
        disabled={matchCount === 0}
        aria-label={t('logs.previousMatch')}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => go(1)}
        disabled={matchCount === 0}
        aria-label={t('logs.nextMatch')}
      >
        ↓
      </button>
    </>
  );
}
