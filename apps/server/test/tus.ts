import { Upload, type DetailedError } from 'tus-js-client';

/*
 * A tus client for tests and benchmarks (tus-js-client in Node): uploads a Buffer or a stream,
 * optionally aborting once `abortAfter` bytes are sent (the upload URL stays, to resume).
 */
export interface TusOutcome { url: string | null; aborted: boolean; error?: DetailedError; status?: number; body?: string }

export function tusUpload(base: string, file: Buffer | NodeJS.ReadableStream, options: {
  headers: Record<string, string>;
  metadata?: Record<string, string>;
  uploadUrl?: string;
  abortAfter?: number;
  chunkSize?: number;
  uploadSize?: number;
}): Promise<TusOutcome> {
  return new Promise((resolve) => {
    let aborted = false;
    const upload: Upload = new Upload(file as never, {
      endpoint: `${base}/api/v1/uploads/videos/`,
      ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
      headers: options.headers,
      metadata: options.metadata ?? {},
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      ...(options.uploadSize ? { uploadSize: options.uploadSize } : {}),
      retryDelays: [],
      storeFingerprintForResuming: false,
      onProgress(sent) {
        if (options.abortAfter !== undefined && !aborted && sent >= options.abortAfter) {
          aborted = true;
          void upload.abort().then(() => resolve({ url: upload.url, aborted: true }));
        }
      },
      onSuccess() { if (!aborted) resolve({ url: upload.url, aborted: false }); },
      onError(error) {
        const detailed = error as DetailedError;
        resolve({ url: upload.url, aborted, error: detailed, status: detailed.originalResponse?.getStatus(), body: detailed.originalResponse?.getBody() });
      },
    });
    upload.start();
  });
}

/** A minimal MP4 header (an `ftyp` box) followed by `size - 24` random-looking bytes. */
export function mp4(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  const head = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
  head.copy(out, 0);
  let x = seed >>> 0 || 1;
  for (let i = head.length; i + 4 <= size; i += 4) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out.writeUInt32LE(x, i);
  }
  return out;
}
