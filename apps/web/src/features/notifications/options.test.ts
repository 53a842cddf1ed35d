import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../app/design.ts';
import { errorReason, isAppPath, STATUS_COLORS } from './options.ts';

describe('the delivery log', () => {
  it.each(Object.entries(STATUS_COLORS))('the %s badge keeps white text at 4.5:1 or more', (_status, color) => {
    expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('tells the states apart by colour as well as by word', () => {
    expect(new Set(Object.values(STATUS_COLORS)).size).toBe(Object.keys(STATUS_COLORS).length);
  });

  it('explains the engine\'s known reasons, and leaves a provider\'s own code as it is', () => {
    expect(errorReason('no_channel')).toBe('no_channel');
    expect(errorReason('attempts_exhausted: smtp_421')).toBe('attempts_exhausted');
    expect(errorReason('template_variable_missing:meeting')).toBe('template_variable_missing');
    expect(errorReason('outcome_unknown: resent with the same key')).toBe('outcome_unknown');
    expect(errorReason('smtp_550')).toBeNull();
    expect(errorReason(null)).toBeNull();
  });
});

describe('a reminder\'s link', () => {
  it('is followed only within the app', () => {
    expect(isAppPath('/meetings/0b7c/protocol')).toBe(true);
    expect(isAppPath('https://example.com/')).toBe(false);
    expect(isAppPath('//example.com/')).toBe(false);
    expect(isAppPath('/\\example.com')).toBe(false);
    expect(isAppPath(null)).toBe(false);
  });
});
