// Images.
import { request } from '../define';
import type { ImageSummary } from '../types';
import { none } from './shared';

export const imagesContract = {
  'images.list': request<ImageSummary[]>()(none),
} as const;
