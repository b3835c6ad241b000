// A pre-meeting form's file, uploaded as soon as the attendee picks it
// (POST /api/public/links/:slug/uploads?field=<fieldId>, multipart with one `file` part). XHR
// rather than fetch: only XHR reports upload progress.
import { ApiError } from '../common/api';
import type { FormField, UploadedFile } from '../common/form-fields';

/** Messages for the upload route's refusals the attendee can act on. */
const MESSAGES: Record<string, string> = {
  FILE_TOO_LARGE: 'This file is too large.',
  FILE_TYPE_NOT_ALLOWED: 'This file type is not accepted.',
};

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
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection.'));
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
      const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
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
          err?.message ?? MESSAGES[code] ?? `Upload failed (${xhr.status}).`,
        ),
      );
    };
    xhr.send(body);
  });
}
