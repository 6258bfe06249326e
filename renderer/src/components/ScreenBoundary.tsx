// A screen that throws while it draws shows what went wrong and a way out,
// instead of leaving the whole window blank; the sidebar and the rest of
// the app keep working. Moving to another address tries the screen again.
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ScreenFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('common.screenFailed')}</strong>
      <p className="mono small">{error.message}</p>
      <button type="button" className="button button-small" onClick={onRetry}>
        {t('common.tryAgain')}
      </button>
    </div>
  );
}

interface Props {
  /** A new key (the address) resets the boundary. */
  resetKey: string;
  children: ReactNode;
}

export class ScreenBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: unknown) {
    console.error('A screen failed to draw:', error);
  }

  override render() {
    if (this.state.error)
      return <ScreenFailed error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
