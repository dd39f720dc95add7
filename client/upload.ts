import type { Attachment } from '../core/api/schemas.js';
import { ApiError, errorFor } from './api-error.js';
import { contract } from './contract.js';

/**
 * Posts one file as the multipart field `file` with `XMLHttpRequest`, the only browser API that reports
 * upload progress. `onProgress` receives a fraction between 0 and 1.
 */
export function uploadWithProgress(
  url: string,
  token: string | undefined,
  file: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError('network', 'network error during upload'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = contract().Attachment.safeParse(json);
        if (parsed.success) {
          onProgress(1);
          resolve(parsed.data);
        } else reject(new ApiError('invalid-response', 'attachment response does not match the contract', xhr.status));
      } else reject(errorFor(xhr.status, json, xhr.getResponseHeader('Retry-After')));
    };
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}
