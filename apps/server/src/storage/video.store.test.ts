import { describe, expect, it } from 'vitest';
import { parseRange } from '../routes/video.routes.ts';
import { sniffVideo } from './video.store.ts';

const box = (type: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(type), Buffer.alloc(600)]);
const packets = (size: number, offset: number, count: number) => {
  const b = Buffer.alloc(offset + size * count, 0xff);
  for (let i = 0; i < count; i += 1) b[offset + i * size] = 0x47;
  return b;
};

describe('sniffVideo: the container by its magic bytes (R-32.1)', () => {
  it('accepts MP4, MOV, 3GP, Matroska/WebM, AVI, MPEG-TS, M2TS and MPEG-PS', () => {
    expect(sniffVideo(box('ftypisom'), false)).toBe('video');
    expect(sniffVideo(box('ftypqt  '), false)).toBe('video');
    expect(sniffVideo(box('ftyp3gp4'), false)).toBe('video');
    expect(sniffVideo(box('moov'), false)).toBe('video');
    expect(sniffVideo(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]), false)).toBe('video');
    expect(sniffVideo(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI LIST')]), false)).toBe('video');
    expect(sniffVideo(packets(188, 0, 3), false)).toBe('video');
    expect(sniffVideo(packets(192, 4, 3), false)).toBe('video');
    expect(sniffVideo(Buffer.from([0, 0, 1, 0xba, 0x44, 0, 4, 0, 4, 1, 1, 0x89]), false)).toBe('video');
  });

  it('refuses pictures, documents and WAV by their bytes, whatever the name', () => {
    expect(sniffVideo(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), false)).toBe('not_video');
    expect(sniffVideo(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), false)).toBe('not_video');
    expect(sniffVideo(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]), false)).toBe('not_video');
    expect(sniffVideo(Buffer.from('hello'), true)).toBe('not_video');
    // Sync bytes that break off are not a transport stream.
    const broken = packets(188, 0, 3);
    broken[376] = 0;
    expect(sniffVideo(Buffer.concat([broken, Buffer.alloc(200)]), false)).toBe('not_video');
  });

  it('waits for more bytes while the first ones could still be a video', () => {
    expect(sniffVideo(Buffer.from([0, 0, 0]), false)).toBe('need_more');
    expect(sniffVideo(packets(188, 0, 1), false)).toBe('need_more');
    expect(sniffVideo(packets(188, 0, 1), true)).toBe('video');
  });
});

describe('parseRange', () => {
  it('reads one range, an open end, a suffix; refuses what is outside the file', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=0-0,5-9', 1000)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-4', 1000)).toBe('unsatisfiable');
    expect(parseRange('items=1-2', 1000)).toBeNull();
  });
});
