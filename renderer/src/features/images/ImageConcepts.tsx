// The ideas behind images, for people learning Docker: image and container,
// layers and the build cache, tags.
import { Trans, useTranslation } from 'react-i18next';

export function ImageConcepts() {
  const { t } = useTranslation();
  return (
    <div className="image-concepts">
      <h3>{t('imageConcepts.vsTitle')}</h3>
      <p>{t('imageConcepts.vs')}</p>
      <h3>{t('imageConcepts.layersTitle')}</h3>
      <p>
        <Trans i18nKey="imageConcepts.layers" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="imageConcepts.cache" components={{ code: <code /> }} />
      </p>
      <h3>{t('imageConcepts.tagsTitle')}</h3>
      <p>
        <Trans i18nKey="imageConcepts.tags" components={{ code: <code /> }} />
      </p>
    </div>
  );
}

/** Just the layers and the cache, where layers are shown. */
export function LayerConcepts() {
  return (
    <>
      <p>
        <Trans i18nKey="imageConcepts.layers" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="imageConcepts.cache" components={{ code: <code /> }} />
      </p>
    </>
  );
}
