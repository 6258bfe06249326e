// What a feature folder tells the app shell about itself: its address, its
// sidebar entry and the screen it shows there. App.tsx, the sidebar and the
// hash router read the one list of these in ./index.ts.
import type { ReactNode } from 'react';
import type { IconProps } from '../components/Icons';

/** Where the app is: #/<route>/<params…>?<query>. */
export interface FeatureLocation {
  params: readonly string[];
  query: URLSearchParams;
}

export interface ScreenContext {
  location: FeatureLocation;
  /** The engine is not connected (or the page lost the runtime): lists show what they had, marked stale. */
  stale: boolean;
}

export interface FeatureDescriptor<R extends string = string> {
  /** The first segment of the address, and the key the sidebar highlights. */
  route: R;
  /** The sidebar entry; `bottom` entries sit below the others. */
  nav: { labelKey: string; Icon: (props: IconProps) => ReactNode; place?: 'bottom' };
  /** The screen at this address (params address something inside it). */
  screen(context: ScreenContext): ReactNode;
}

/** Keeps the route's literal type, so the list's routes form the Route type. */
export function defineFeature<const R extends string>(descriptor: FeatureDescriptor<R>): FeatureDescriptor<R> {
  return descriptor;
}
