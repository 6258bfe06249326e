// The images a lesson's steps use, and whether the engine has them; a
// missing one can be pulled here (the Images page's own pull).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonImage } from '../../../../runtime/domains/learn/types';
import { PullDialog } from '../images/TransferDialogs';
import { learnKeys } from './queries';

export function LessonImages({ images, stale }: { images: LessonImage[]; stale: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pulling, setPulling] = useState<string | null>(null);
  if (images.length === 0) return null;
  return (
    <section className="lesson-section" aria-labelledby="lesson-images-title">
      <h2 id="lesson-images-title" className="section-title">
        {t('learn.images.title')}
      </h2>
      <ul className="lesson-images">
        {images.map((img) => (
          <li key={img.ref} data-testid="lesson-image" data-ref={img.ref} data-present={img.present}>
            <span className="mono">{img.ref}</span>
            <span className={`badge ${img.present ? 'badge-green' : 'badge-amber'}`}>
              {t(img.present ? 'learn.images.present' : 'learn.images.missing')}
            </span>
            {!img.present && (
              <button
                type="button"
                className="button button-small"
                disabled={stale}
                aria-label={t('learn.images.pullOne', { ref: img.ref })}
                onClick={() => setPulling(img.ref)}
              >
                {t('learn.images.pull')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {images.some((i) => !i.present) && <p className="muted small">{t('learn.images.why')}</p>}
      {pulling !== null && (
        <PullDialog
          initial={pulling}
          onDone={() => {
            setPulling(null);
            void queryClient.invalidateQueries({ queryKey: learnKeys.allLesson() });
          }}
        />
      )}
    </section>
  );
}
