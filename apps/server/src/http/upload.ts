import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

/** One file part of a multipart request, read whole. */
export interface UploadedPart { fieldname: string; filename: string; mimetype: string; bytes: Buffer }

/**
 * Reading a multipart body. Bytes that are not well-formed multipart (no boundary, cut off,
 * another boundary) are the client's mistake: 400 naming the header or the body, not the
 * parser's plain error as a 500. Errors with their own status keep it (a file too large: 413).
 * Only the reading happens inside: what the route then does with the file is not masked.
 */
async function reading<T>(request: FastifyRequest, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError || typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    const withBoundary = /;\s*boundary=[^;\s]/i.test(request.headers['content-type'] ?? '');
    throw new AppError('validation_failed', [withBoundary
      ? { field: 'body', reason: 'malformed_multipart' }
      : { field: 'content-type', reason: 'multipart_boundary_missing' }]);
  }
}

/** The first file part (the rest of the body is left to the parser), or null when there is none. */
export function uploadedFile(request: FastifyRequest, limits: { fileSize: number }): Promise<UploadedPart | null> {
  return reading(request, async () => {
    const part = await request.file({ limits });
    if (!part) return null;
    return { fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() };
  });
}

/** Every file part, each read to the end, so the request is consumed whatever is answered. */
export function uploadedFiles(request: FastifyRequest, limits?: { fileSize: number }): Promise<UploadedPart[]> {
  return reading(request, async () => {
    const files: UploadedPart[] = [];
    for await (const part of request.parts(limits ? { limits } : undefined)) {
      if (part.type !== 'file') continue;
      files.push({ fieldname: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() });
    }
    return files;
  });
}
