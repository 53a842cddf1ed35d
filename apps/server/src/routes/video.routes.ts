import { IdParam, VideoList } from '@esep/contracts';
import { meetingPaths, videoById } from '@esep/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { contextOf } from '../services/context.ts';
import { deleteVideo, listVideos, playableVideo } from '../services/video/video.service.ts';
import { toNodeStream } from '../storage/video.store.ts';

/** One byte range of `Range: bytes=…` (the first, when several are asked), or null for the whole file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)(?:,.*)?$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    // The last N bytes.
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export const videoRoutes: FastifyPluginAsyncZod = async (app) => {
  const locateMeeting = async (request: { params: unknown }) => {
    const paths = await meetingPaths(app.db, (request.params as { id: string }).id);
    return paths.length ? { paths } : null;
  };
  const locateVideo = async (request: { params: unknown }) => {
    const video = await videoById(app.db, (request.params as { id: string }).id);
    const paths = video ? await meetingPaths(app.db, video.meetingId) : [];
    return paths.length ? { paths } : null;
  };

  app.get('/api/v1/meetings/:id/videos', {
    schema: {
      tags: ['videos'], summary: 'The meeting\'s video files: name, size, SHA-256, status, uploaded by and when (R-32.1)',
      params: IdParam, response: { 200: VideoList },
    },
    config: { access: { resource: 'video', action: 'read', locate: locateMeeting } },
  }, async (request) => listVideos(contextOf(request), request.params.id, app.config.videoMaxBytes));

  app.get('/api/v1/videos/:id/content', {
    schema: {
      tags: ['videos'],
      summary: 'Play back a video: the whole file (200) or one byte range (`Range: bytes=a-b` → 206 with Content-Range), streamed from disk or S3; 410 material_removed once removed after retention (R-32.6)',
      params: IdParam,
      headers: z.object({ range: z.string().optional() }),
    },
    config: { access: { resource: 'video', action: 'read', locate: locateVideo } },
  }, async (request, reply) => {
    const { video, size } = await playableVideo(contextOf(request), app.videoStore, request.params.id);
    const range = parseRange(request.headers.range, size);
    reply.header('accept-ranges', 'bytes')
      .header('content-type', video.contentType && /^video\/[\w.+-]+$/.test(video.contentType) ? video.contentType : 'application/octet-stream')
      .header('cache-control', 'private, max-age=3600')
      .header('etag', `"${video.sha256}"`)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(video.fileName)}`);
    if (range === 'unsatisfiable') {
      reply.header('content-range', `bytes */${size}`);
      throw new AppError('validation_failed', [{ field: 'range', reason: `bytes 0-${size - 1} exist` }], 416);
    }
    if (request.method === 'HEAD') {
      return reply.header('content-length', String(size)).send();
    }
    if (!range) {
      return reply.header('content-length', String(size)).send(toNodeStream(await app.videoStore.read(video.storageKey)));
    }
    const body = toNodeStream(await app.videoStore.read(video.storageKey, range));
    return reply.code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(body);
  });

  app.delete('/api/v1/videos/:id', {
    schema: {
      tags: ['videos'], summary: 'Delete a video file (administrator; the record stays, marked removed; audited)',
      params: IdParam, response: { 204: z.null() },
    },
    config: { access: { resource: 'video', action: 'delete', locate: locateVideo } },
  }, async (request, reply) => {
    await deleteVideo(contextOf(request), app.videoStore, request.params.id);
    return reply.code(204).send(null);
  });
};
