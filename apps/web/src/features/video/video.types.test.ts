import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/protocol.en.json';
import kk from '../../i18n/locales/protocol.kk.json';
import ru from '../../i18n/locales/protocol.ru.json';
import { shownVideoStatus } from './video.types.ts';

describe('the badge of a recording', () => {
  it('tells an expired, never-finished upload from a file removed after retention (R-32.1, R-32.6)', () => {
    expect(shownVideoStatus({ status: 'removed', completedAt: null })).toBe('expired');
    expect(shownVideoStatus({ status: 'removed', completedAt: '2025-03-01T14:00:00.000Z' })).toBe('removed');
    expect(shownVideoStatus({ status: 'uploading', completedAt: null })).toBe('uploading');
    expect(shownVideoStatus({ status: 'complete', completedAt: '2026-03-01T14:00:00.000Z' })).toBe('complete');
  });

  it('has a label for every status it can show, in kk, ru and en', () => {
    for (const locale of [kk, ru, en]) {
      for (const status of ['uploading', 'complete', 'removed', 'expired'] as const) {
        expect(locale.video.status[status], status).toMatch(/\S/);
      }
    }
    expect(en.video.status.expired).not.toBe(en.video.status.removed);
  });
});
