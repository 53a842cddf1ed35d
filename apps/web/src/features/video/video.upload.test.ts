import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, formatBytes, TUS_ENDPOINT, tusErrorMessage, VIDEO_ACCEPT } from './video.upload.ts';

describe('video upload helpers', () => {
  it('uploads to the tus endpoint in 16 MB chunks and offers video files only', () => {
    expect(TUS_ENDPOINT).toBe('/api/v1/uploads/videos/');
    expect(CHUNK_SIZE).toBe(16 * 1024 * 1024);
    expect(VIDEO_ACCEPT).toContain('video/*');
    expect(VIDEO_ACCEPT.every((type) => type.startsWith('video/') || type.startsWith('.'))).toBe(true);
  });

  it('writes sizes in binary units with the language\'s decimal separator', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 ** 3, 'en')).toBe('2 GB');
    expect(formatBytes(1.5 * 1024 ** 3, 'ru')).toBe('1,5 GB');
    expect(formatBytes(200 * 1024 ** 2, 'kk')).toBe('200 MB');
  });

  it('reads the server\'s message from an error answer of the tus endpoint', () => {
    const answer = (responseText: string) => ({ responseText }) as XMLHttpRequest;
    expect(tusErrorMessage(answer(JSON.stringify({ error: { code: 'unsupported_file', message: 'Бұл бейнефайл емес' } })))).toBe('Бұл бейнефайл емес');
    expect(tusErrorMessage(answer('Bad gateway'))).toBeNull();
    expect(tusErrorMessage(undefined)).toBeNull();
  });
});
