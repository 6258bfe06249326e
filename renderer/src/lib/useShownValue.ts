// What a control shows: the value it was just set to, at once, and whatever
// its source (a query's data) holds whenever that changes. A controlled
// checkbox whose value lives only in a query's cache would be put back by
// React after the click (the cache tells its readers a moment later), and the
// box would flicker back; this keeps the choice on screen from the click on.
import { useState } from 'react';

export function useShownValue<T>(source: T): [T, (next: T) => void] {
  const [shown, setShown] = useState(source);
  const [seen, setSeen] = useState(source);
  if (!Object.is(source, seen)) {
    setSeen(source);
    setShown(source);
  }
  return [shown, setShown];
}
