// The pre-meeting form as the attendee fills it. One component for the booking page and the
// settings page's live preview, so the preview is exactly what attendees get.
import { useRef, useState } from 'preact/hooks';
import {
  acceptAttribute,
  checkFile,
  fileKindList,
  formatBytes,
  type AnswerDraft,
  type FormField,
  type UploadedFile,
} from './form-fields';
import { currentLocale, t } from './i18n';

/** Sends a picked file to the server; `onProgress` gets 0..1 when the browser can tell. */
export type UploadFile = (
  field: FormField,
  file: File,
  onProgress: (fraction: number | null) => void,
) => Promise<UploadedFile>;

interface Props {
  fields: readonly FormField[];
  values: Readonly<Record<string, AnswerDraft>>;
  /** A message per field id (the client's check, else the server's). */
  errors: Readonly<Record<string, string>>;
  /** Prefix of every element id, so two forms can share a page. */
  idPrefix: string;
  onChange(fieldId: string, value: AnswerDraft): void;
  /**
   * Uploads a picked file. Without it (the settings preview) a picked file is only shown, marked
   * as not uploaded.
   */
  upload?: UploadFile;
  /** Told when uploads start and end: true while at least one file is being sent. */
  onUploading?(busy: boolean): void;
}

/** The DOM id of a field's input (or fieldset) in a form of `idPrefix`. */
export function fieldDomId(idPrefix: string, fieldId: string): string {
  return `${idPrefix}${fieldId}`;
}

/**
 * Every field of `fields` in order: label, help text and error tied to the input by
 * `aria-describedby`, checkbox groups as a fieldset with a legend, file fields upload on pick.
 *
 * @example
 * <FormFieldInputs fields={link.formFields ?? []} values={answers} errors={{}} idPrefix="q-" onChange={setAnswer} />
 */
export function FormFieldInputs(p: Props) {
  const [progress, setProgress] = useState<Record<string, number | null | undefined>>({});
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  /** Files being sent right now. */
  const uploads = useRef(0);

  async function pick(field: FormField, file: File | undefined, input: HTMLInputElement) {
    if (!file) return;
    const problem = checkFile(field, { name: file.name, size: file.size, type: file.type });
    setUploadErrors((e) => ({ ...e, [field.id]: problem ?? '' }));
    if (problem) {
      input.value = '';
      return;
    }
    if (!p.upload) {
      p.onChange(field.id, { id: '', filename: file.name, kind: '', size: file.size });
      return;
    }
    setProgress((s) => ({ ...s, [field.id]: null }));
    uploads.current++;
    p.onUploading?.(true);
    try {
      const uploaded = await p.upload(field, file, (f) =>
        setProgress((s) => ({ ...s, [field.id]: f })),
      );
      p.onChange(field.id, uploaded);
    } catch (e) {
      setUploadErrors((s) => ({ ...s, [field.id]: (e as Error).message }));
    } finally {
      input.value = '';
      setProgress((s) => ({ ...s, [field.id]: undefined }));
      p.onUploading?.(--uploads.current > 0);
    }
  }

  return (
    <>
      {p.fields.map((f) => {
        const id = fieldDomId(p.idPrefix, f.id);
        const helpId = `${id}-help`;
        const errorId = `${id}-error`;
        const error = uploadErrors[f.id] || p.errors[f.id];
        const describedBy =
          [f.help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
        const value = p.values[f.id];
        const common = {
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
          'aria-required': f.required ? true : undefined,
        } as const;
        const help = f.help && (
          <span id={helpId} class="hint muted">
            {f.help}
          </span>
        );
        const errorText = error && (
          <span id={errorId} class="field-error">
            {error}
          </span>
        );
        const label = (
          <>
            {f.label}
            {!f.required && <span class="muted"> {t('field.optional')}</span>}
          </>
        );
        const text = (e: Event) =>
          p.onChange(f.id, (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);

        if (f.type === 'checkboxes') {
          const picked = Array.isArray(value) ? value : [];
          return (
            <fieldset
              key={f.id}
              id={id}
              class="field form-field"
              data-field-id={f.id}
              aria-describedby={describedBy}
              tabIndex={-1}
            >
              <legend>{label}</legend>
              {f.options.map((o, i) => (
                <label key={o} class="check">
                  <input
                    type="checkbox"
                    id={i === 0 ? `${id}-0` : undefined}
                    checked={picked.includes(o)}
                    onChange={(e) =>
                      p.onChange(
                        f.id,
                        (e.currentTarget as HTMLInputElement).checked
                          ? [...picked, o]
                          : picked.filter((x) => x !== o),
                      )
                    }
                  />
                  {o}
                </label>
              ))}
              {help}
              {errorText}
            </fieldset>
          );
        }

        if (f.type === 'checkbox')
          return (
            <div key={f.id} class="field form-field" data-field-id={f.id}>
              <label class="check">
                <input
                  id={id}
                  type="checkbox"
                  checked={value === true}
                  {...common}
                  onChange={(e) => p.onChange(f.id, (e.currentTarget as HTMLInputElement).checked)}
                />
                {label}
              </label>
              {help}
              {errorText}
            </div>
          );

        if (f.type === 'file') {
          const file = value && typeof value === 'object' && !Array.isArray(value) ? value : null;
          const state = progress[f.id];
          const uploading = state !== undefined;
          return (
            <div key={f.id} class="field form-field" data-field-id={f.id}>
              <label for={id}>{label}</label>
              {file ? (
                <div class="row uploaded-file" data-testid={`file-${f.id}`}>
                  <span>
                    {file.filename} <span class="muted">({formatBytes(file.size)})</span>
                    {!p.upload && <span class="muted"> · preview, not uploaded</span>}
                  </span>
                  <button
                    type="button"
                    aria-label={t('field.removeFile', { filename: file.filename })}
                    onClick={() => p.onChange(f.id, null)}
                  >
                    {t('field.remove')}
                  </button>
                </div>
              ) : (
                <input
                  id={id}
                  type="file"
                  accept={acceptAttribute(f.accept)}
                  disabled={uploading}
                  {...common}
                  onChange={(e) => {
                    const input = e.currentTarget as HTMLInputElement;
                    void pick(f, input.files?.[0], input);
                  }}
                />
              )}
              {uploading && (
                <span class="hint muted" role="status">
                  {typeof state === 'number'
                    ? t('field.uploadingPercent', {
                        percent: new Intl.NumberFormat(currentLocale(), {
                          style: 'percent',
                          maximumFractionDigits: 0,
                        }).format(state),
                      })
                    : t('field.uploading')}
                </span>
              )}
              <span class="hint muted">
                {t('field.fileHint', {
                  kinds: fileKindList(f.accept),
                  max: formatBytes(f.maxBytes ?? 0),
                })}
              </span>
              {help}
              {errorText}
            </div>
          );
        }

        const str = typeof value === 'string' ? value : '';
        return (
          <div key={f.id} class="field form-field" data-field-id={f.id}>
            <label for={id}>{label}</label>
            {f.type === 'long_text' ? (
              <textarea
                id={id}
                rows={4}
                maxLength={f.maxLength ?? undefined}
                value={str}
                {...common}
                onInput={text}
              />
            ) : f.type === 'dropdown' ? (
              <select id={id} value={str} {...common} onChange={text}>
                <option value="">{t('field.choose')}</option>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                // One element for both; the cast keeps preact's input typing to one variant.
                type={(f.type === 'phone' ? 'tel' : 'text') as 'text'}
                inputMode={f.type === 'url' ? 'url' : undefined}
                autoComplete={f.type === 'phone' ? 'tel' : f.type === 'url' ? 'url' : undefined}
                maxLength={
                  f.type === 'short_text'
                    ? (f.maxLength ?? undefined)
                    : f.type === 'phone'
                      ? 20
                      : undefined
                }
                placeholder={f.type === 'url' ? 'https://' : undefined}
                value={str}
                {...common}
                onInput={text}
              />
            )}
            {help}
            {errorText}
          </div>
        );
      })}
    </>
  );
}
