// Compose: the projects on the engine and the compose files the user opened,
// and a project's page (overview, graph, logs, file).
import { lazy } from 'react';
import { ComposeIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

// The project page (with the editor and the logs view) loads when first visited.
const ProjectPage = lazy(() => import('./ProjectPage').then((m) => ({ default: m.ProjectPage })));
const ComposePage = lazy(() => import('./ComposePage').then((m) => ({ default: m.ComposePage })));

export const composeFeature = defineFeature({
  route: 'compose',
  nav: { labelKey: 'compose.nav', Icon: ComposeIcon },
  screen: ({ location: { params, query }, stale }) =>
    params[0] !== undefined ? (
      <ProjectPage
        key={params[0]}
        project={params[0]}
        tab={params[1]}
        fileId={query.get('file') ?? undefined}
        stale={stale}
      />
    ) : (
      <ComposePage stale={stale} />
    ),
});
