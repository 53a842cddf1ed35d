import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/*
 * A local S3 (s3rver, on a free port and a temporary directory) for the video store's S3 path.
 * s3rver lacks two calls @tus/s3-store makes — ListParts (GET ?uploadId) and
 * AbortMultipartUpload (DELETE ?uploadId) — so a small middleware answers them from the parts
 * s3rver keeps on disk.
 */
interface KoaContext {
  method: string; path: string; query: Record<string, string>; status: number; body: unknown; type: string;
}
interface S3rverInstance {
  middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void>>;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance;

export interface LocalS3 {
  config: { bucket: string; endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startLocalS3(bucket = 'esep-videos'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'esep-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, allowMismatchedSignatures: true });
  server.middleware.unshift(async (ctx, next) => {
    const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    if (!match || ctx.query.uploadId === undefined || (ctx.method !== 'GET' && ctx.method !== 'DELETE')) return next();
    const [, b, key] = match as unknown as [string, string, string];
    const uploadId = ctx.query.uploadId;
    const dir = join(server.store.getResourcePath(b, undefined, 'uploads'), uploadId);
    const exists = await stat(dir).then(() => true, () => false);
    if (!exists) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${xml(uploadId)}</UploadId></Error>`;
      return;
    }
    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    const numbers = (await readdir(dir)).filter((f) => /^\d+$/.test(f)).map(Number).sort((a, c) => a - c);
    const parts: string[] = [];
    for (const n of numbers) {
      const size = (await stat(join(dir, String(n)))).size;
      const md5 = (await readFile(join(dir, `${n}.md5`), 'utf8')).trim();
      parts.push(`<Part><PartNumber>${n}</PartNumber><ETag>"${md5}"</ETag><Size>${size}</Size></Part>`);
    }
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xml(b)}</Bucket><Key>${xml(decodeURIComponent(key))}</Key><UploadId>${xml(uploadId)}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
  });
  const { port } = await server.run();
  const config = { bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
  const client = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    config,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
