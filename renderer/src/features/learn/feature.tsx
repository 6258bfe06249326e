// Learn: the path of lessons, and one lesson's page (#/learn/<id>).
import { lazy } from 'react';
import { LearnIcon } from '../../components/Icons';
import { defineFeature } from '../feature';

const LearnPage = lazy(() => import('./LearnPage').then((m) => ({ default: m.LearnPage })));
const LessonPage = lazy(() => import('./LessonPage').then((m) => ({ default: m.LessonPage })));

export const learnFeature = defineFeature({
  route: 'learn',
  nav: { labelKey: 'learn.nav', Icon: LearnIcon },
  screen: ({ location: { params }, stale }) =>
    params[0] !== undefined ? <LessonPage key={params[0]} id={params[0]} stale={stale} /> : <LearnPage stale={stale} />,
});
