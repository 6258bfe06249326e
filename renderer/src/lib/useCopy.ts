import { useCallback, useEffect, useState } from 'react';
import { copyText } from './clipboard';

/** Copies text and says so for a moment: [copied, copy]. */
export function useCopy(): [boolean, (text: string) => void] {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = useCallback((text: string) => {
    copyText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }, []);
  return [copied, copy];
}
