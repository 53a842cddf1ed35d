import type { FastifyReply } from 'fastify';
import type { ExportFile } from '../services/structure.export.ts';

/** A file of the user's territory (an export), downloaded and never cached on the way. */
export function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
