/**
 * Downloading a file a user sent (a photo to check, an article an admin uploads) through
 * the Bot API: getFile, then the file URL under the API root. The URL holds the token, so
 * it is never logged; sizes are checked before and while downloading.
 */
import type { Api } from 'grammy';

/** Raised when a file is larger than allowed; `bytes` is its size when known. */
export class FileTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly bytes?: number,
  ) {
    super(`file is larger than ${limit} bytes`);
  }
}

/** Downloads `fileId` into memory, refusing files over `maxBytes`. */
export async function downloadFile(
  api: Api,
  token: string,
  apiRoot: string | undefined,
  fileId: string,
  maxBytes: number,
): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new FileTooLargeError(maxBytes, file.file_size);
  if (!file.file_path) throw new Error('Telegram gave no file path (the file may be too big for bots to download)');
  const root = (apiRoot ?? 'https://api.telegram.org').replace(/\/+$/u, '');
  const res = await fetch(`${root}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok || !res.body) throw new Error(`file download failed with HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
