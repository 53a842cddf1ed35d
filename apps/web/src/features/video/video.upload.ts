/*
 * The video uploader's settings and small pure helpers (no browser APIs, so unit-tested in Node).
 */
/** The tus endpoint: resumable uploads of the meeting's video recordings. */
export const TUS_ENDPOINT = '/api/v1/uploads/videos/';
/** 16 MB chunks: a dropped connection loses at most one chunk, and each request stays short. */
export const CHUNK_SIZE = 16 * 1024 * 1024;
/** Retries after a failed chunk (a phone losing signal), then the user may retry by hand. */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];
/** What the file picker offers; the server checks the bytes themselves (MP4/MOV, WebM/MKV, AVI, MPEG-TS, 3GP). */
export const VIDEO_ACCEPT = ['video/*', '.mp4', '.m4v', '.mov', '.webm', '.mkv', '.avi', '.ts', '.mts', '.m2ts', '.3gp'];

/** "1.4 GB" with the locale's decimal separator. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The server's message in an error answer of the tus endpoint (the API's one error shape). */
export function tusErrorMessage(xhr: XMLHttpRequest | undefined | null): string | null {
  if (!xhr) return null;
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}
