import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/errors';
import { uploadImage } from './catalog.api';

export interface Uploaded {
  id: string;
  url: string;
}

/** Uploads each chosen picture at once and shows it; the server checks it is really an image. */
export function ImagePicker({ shopId, images, onChange, max = 9 }: { shopId: string; images: Uploaded[]; onChange: (picked: Uploaded[]) => void; max?: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: FileList | null) => {
    if (!files) return;
    setError(null);
    setBusy(true);
    const added: Uploaded[] = [];
    try {
      for (const file of Array.from(files)) added.push(await uploadImage(shopId, file));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      // With room for one picture only, a new one replaces the old.
      onChange(max === 1 ? [...images, ...added].slice(-1) : [...images, ...added].slice(0, max));
    }
  };

  return (
    <div className="field imagepicker">
      <span className="field-label">{t('catalog.images')}</span>
      <div className="imagepicker-row">
        {images.map((img) => (
          <span key={img.id} className="imagepicker-item">
            <img src={img.url} alt="" />
            <button type="button" className="button-link" aria-label={t('catalog.removeImage')} onClick={() => onChange(images.filter((i) => i.id !== img.id))}>×</button>
          </span>
        ))}
        <label className="button button-secondary button-small">
          {busy ? t('catalog.uploading') : t('catalog.addImage')}
          <input type="file" name="image" accept="image/png,image/jpeg,image/gif,image/webp" multiple={max > 1} hidden onChange={(e) => void pick(e.target.files)} />
        </label>
      </div>
      {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
    </div>
  );
}
