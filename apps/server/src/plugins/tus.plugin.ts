import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ERROR_MESSAGES, VideoUploadMetadata, type ErrorCode } from '@esep/contracts';
import { openUploadLocks } from '@esep/db';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { RAW_DATA_HEADERS } from './security-headers.plugin.ts';
import { negotiateLocale } from '../http/locale.ts';
import { contextOf } from '../services/context.ts';
import { dropUpload, finishUpload, NOT_A_VIDEO, startUpload, uploadOf } from '../services/video/video.service.ts';
import { PostgresUploadLocker } from '../storage/upload.locker.ts';
import { createVideoStore, NotAVideoError, type VideoStore } from '../storage/video.store.ts';

/*
 * resumable video uploads with the tus protocol (tus.io, v1.0.0: creation, termination,
 * expiration) under /api/v1/uploads/videos/. Fastify does not parse the body: the raw request
 * goes to @tus/server, which streams it into the video store. The session (cookie with the
 * X-CSRF-Token header, or Bearer) is checked by the auth plugin as for any API request; the
 * meeting is named in the Upload-Metadata (`meetingId`, `filename`, `filetype`) and the policy
 * decides in onUploadCreate; a resumed upload is checked against the user who may upload there.
 */
export const UPLOAD_PATH = '/api/v1/uploads/videos';

const UploadParam = z.object({ uploadId: z.string().regex(/^[0-9a-f]{32}$/) }).strict();
const TusHeaders = z.object({
  'tus-resumable': z.string().optional().describe('1.0.0'),
  'upload-length': z.string().optional().describe('the file size in bytes (creation)'),
  'upload-metadata': z.string().optional().describe('base64 pairs: meetingId, filename, filetype (creation)'),
  'upload-offset': z.string().optional().describe('where this PATCH continues'),
});

export default fp(async function tusPlugin(app: FastifyInstance) {
  const store = await createVideoStore(app.config, app.clock);
  app.decorate('videoStore', store);
  /** The Fastify request behind the raw request tus sees: its session and language. */
  const requests = new WeakMap<IncomingMessage, FastifyRequest>();
  const requestOf = (req: unknown): FastifyRequest | undefined => {
    const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    return raw ? requests.get(raw) : undefined;
  };
  /** An error tus sends as is: the one error shape, in the request's language. */
  const tusError = (req: unknown, error: AppError) => {
    const request = requestOf(req);
    const locale = negotiateLocale(request?.headers['accept-language'], request?.auth?.user.locale ?? 'kk');
    const message = error.messages?.[locale] ?? ERROR_MESSAGES[error.code as ErrorCode][locale];
    return { status_code: error.status, body: JSON.stringify({ error: { code: error.code, message, ...(error.details === undefined ? {} : { details: error.details }) } }) };
  };

  // Several server processes on one PostgreSQL: an upload is written by one request at a time,
  // whichever process each reaches (storage/upload.locker.ts). PGlite is one process by
  // construction (the data directory's lock), where tus's own in-memory locker is enough.
  const { database } = app;
  const locks = database.engine === 'postgresql' && database.url
    ? openUploadLocks(database.url, { onConnectionError: (error) => app.log.warn({ err: error }, 'upload locks: an idle connection failed and was dropped') })
    : null;
  if (locks) app.addHook('onClose', () => locks.close());

  const tus = new TusServer({
    path: UPLOAD_PATH,
    datastore: store.datastore,
    ...(locks ? { locker: new PostgresUploadLocker(locks) } : {}),
    relativeLocation: true,
    respectForwardedHeaders: app.config.trustProxy,
    disableTerminationForFinishedUploads: true,
    namingFunction: () => randomUUID().replaceAll('-', ''),
    async onUploadCreate(req, upload) {
      const request = requestOf(req);
      if (!request?.auth) throw tusError(req, new AppError('unauthenticated'));
      const raw = upload.metadata ?? {};
      const parsed = VideoUploadMetadata.safeParse({
        meetingId: raw.meetingId ?? undefined, filename: raw.filename ?? raw.name ?? undefined, filetype: raw.filetype ?? raw.type ?? undefined,
      });
      if (!parsed.success) {
        throw tusError(req, new AppError('validation_failed', parsed.error.issues.map((i) => ({ field: `Upload-Metadata.${i.path.join('.')}`, reason: i.message }))));
      }
      try {
        await startUpload(contextOf(request), {
          meetingId: parsed.data.meetingId, uploadId: upload.id, fileName: parsed.data.filename, contentType: parsed.data.filetype ?? null,
          size: upload.size, maxBytes: app.config.videoMaxBytes, storage: store.kind,
        });
      } catch (error) {
        if (error instanceof AppError) throw tusError(req, error);
        throw error;
      }
      return {};
    },
    async onUploadFinish(req, upload) {
      const request = requestOf(req);
      if (!request) throw new Error('upload finished without its request');
      try {
        await finishUpload(contextOf(request), store, upload.id, upload.size ?? upload.offset);
      } catch (error) {
        if (error instanceof AppError) throw tusError(req, error);
        throw error;
      }
      return {};
    },
    async onResponseError(req, error) {
      if (error instanceof NotAVideoError) {
        // The store has deleted the partial upload; its record goes too.
        const request = requestOf(req);
        if (request) await dropUpload(contextOf(request), error.uploadId);
        return tusError(req, new AppError('unsupported_file', [{ field: 'file', reason: 'not a video container' }], 400, NOT_A_VIDEO));
      }
      if (!('status_code' in error) || error.status_code >= 500) app.log.error({ err: error }, 'video upload failed');
      return undefined;
    },
  });
  // The expiration extension's sweep of the store (files no record knows of); scheduled by the
  // retention plugin after the records' own expiry (services/video: expireUploads).
  app.decorate('cleanUpExpiredUploads', () => tus.cleanUpExpiredUploads());

  await app.register(async (scope) => {
    // The upload's bytes stay a stream for tus: no parsing, no buffering, no body limit.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const uploadId = (request.params as { uploadId?: string }).uploadId;
      const ctx = contextOf(request);
      // Continuing an upload: only where the user may upload (404 out of territory, 403 otherwise).
      if (uploadId) {
        const row = await uploadOf(ctx, uploadId);
        // Terminating an unfinished upload: its record goes before tus answers 204, so the next read
        // no longer lists it (after the answer, a client could see it for a moment). tus refuses
        // to terminate a finished upload, whose record stays.
        if (request.method === 'DELETE' && row.status === 'uploading') await dropUpload(ctx, uploadId);
      }
      requests.set(request.raw, request);
      reply.hijack();
      // Written by tus straight to the socket, past the security headers' onSend hook.
      for (const [name, value] of Object.entries(RAW_DATA_HEADERS)) reply.raw.setHeader(name, value);
      try {
        await tus.handle(request.raw, reply.raw);
      } catch (error) {
        request.log.error({ err: error }, 'tus handler failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
      }
      // A refused creation (onUploadCreate threw after the record was written) leaves no record either.
    };

    scope.post(`${UPLOAD_PATH}/`, {
      schema: {
        tags: ['videos'],
        summary: 'Create a resumable video upload (tus 1.0.0 creation; Upload-Length ≤ ESEP_VIDEO_MAX_BYTES; Upload-Metadata meetingId, filename, filetype; R-32.1)',
        headers: TusHeaders,
      },
      config: { access: { authenticated: true } },
    }, handle);
    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${UPLOAD_PATH}/:uploadId`,
      schema: {
        tags: ['videos'],
        summary: 'Continue a video upload (tus: HEAD → Upload-Offset; PATCH application/offset+octet-stream from that offset; DELETE abandons an unfinished upload)',
        params: UploadParam, headers: TusHeaders,
      },
      config: { access: { authenticated: true } },
      handler: handle,
    });
  });
});

declare module 'fastify' {
  interface FastifyInstance { videoStore: VideoStore; cleanUpExpiredUploads: () => Promise<number> }
}
