// Learn: the path of lessons, and one lesson's page (#/learn/<id>).
import { LearnIcon } from '../../components/Icons';
import { defineFeature } from '../feature';
import { LearnPage } from './LearnPage';
import { LessonPage } from './LessonPage';

export const learnFeature = defineFeature({
  route: 'learn',
  nav: { labelKey: 'learn.nav', Icon: LearnIcon },
  screen: ({ location: { params }, stale }) =>
    params[0] !== undefined ? <LessonPage key={params[0]} id={params[0]} stale={stale} /> : <LearnPage stale={stale} />,
});
