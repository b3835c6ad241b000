// A pre-meeting form's file, uploaded as soon as the attendee picks it
// (POST /api/public/links/:slug/uploads?field=<fieldId>, multipart with one `file` part). XHR
// rather than fetch: only XHR reports upload progress.
import { ApiError } from '../common/api';
import {
  fileKindList,
  formatBytes,
  type FormField,
  type UploadedFile,
} from '../common/form-fields';
import { t } from '../common/i18n';

/**
 * The page's message (in its language) for a refusal of the upload route the attendee can act on,
 * or null for the others (whose server text is shown as it came). `details` is the error's details
 * (`maxBytes` of `FILE_TOO_LARGE`).
 */
function refusalMessage(code: string, field: FormField, details: unknown): string | null {
  switch (code) {
    case 'FILE_TOO_LARGE': {
      const sent = (details as { maxBytes?: unknown } | null)?.maxBytes;
      const max = typeof sent === 'number' ? sent : field.maxBytes;
      return max === null
        ? t('upload.tooLarge')
        : t('upload.tooLargeLimit', { max: formatBytes(max) });
    }
    case 'FILE_TYPE_NOT_ALLOWED':
      return t('field.typeNotAccepted', { kinds: fileKindList(field.accept) });
    case 'FILE_FIELD_NOT_FOUND':
      return t('upload.fieldGone');
    case 'LINK_NOT_FOUND':
      return t('upload.linkGone');
    case 'RATE_LIMITED':
      return t('upload.rateLimited');
    default:
      return null;
  }
}

/**
 * Uploads `file` for `field` of the link `slug`; `onProgress` gets the sent fraction (0..1), or
 * null while the browser cannot tell. Rejects with an `ApiError` carrying the route's code.
 *
 * @example
 * const uploaded = await uploadAnswerFile('intro-call', field, file, () => undefined);
 */
export function uploadAnswerFile(
  slug: string,
  field: FormField,
  file: File,
  onProgress: (fraction: number | null) => void,
): Promise<UploadedFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open(
    'POST',
    `/api/public/links/${encodeURIComponent(slug)}/uploads?field=${encodeURIComponent(field.id)}`,
  );
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null);
  return new Promise((resolve, reject) => {
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', t('api.network')));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // a non-JSON answer is handled below by its status
      }
      if (xhr.status === 201 && data && typeof data === 'object' && 'upload' in data) {
        resolve((data as { upload: UploadedFile }).upload);
        return;
      }
      const err = (
        data as { error?: { code?: string; message?: string; details?: unknown } } | null
      )?.error;
      const code =
        err?.code ??
        (xhr.status === 413
          ? 'FILE_TOO_LARGE'
          : xhr.status === 415
            ? 'FILE_TYPE_NOT_ALLOWED'
            : `HTTP_${xhr.status}`);
      reject(
        new ApiError(
          xhr.status,
          code,
          refusalMessage(code, field, err?.details) ??
            err?.message ??
            t('upload.failed', { status: xhr.status }),
        ),
      );
    };
    xhr.send(body);
  });
}
