import * as c from '@esep/contracts';
import { describe, expect, it } from 'vitest';
import * as o from './options.ts';

describe('the enumerations of the UI', () => {
  it('are those of the API', () => {
    expect([...o.SETTINGS]).toEqual([...c.SETTING_VALUES]);
    expect([...o.FORMATS]).toEqual([...c.FORMAT_VALUES]);
    expect([...o.CHANNELS]).toEqual([...c.CHANNEL_VALUES]);
    expect([...o.CATEGORIES]).toEqual([...c.INVITATION_CATEGORY_VALUES]);
    expect([...o.REQUIRED_CATEGORIES]).toEqual([...c.REQUIRED_INVITATION_CATEGORIES]);
    expect([...o.INVITATION_STATUSES]).toEqual([...c.INVITATION_STATUS_VALUES]);
    expect([...o.MEETING_STATUSES]).toEqual([...c.MEETING_STATUS_VALUES]);
    expect([...o.OBLIGATION_STATUSES]).toEqual([...c.OBLIGATION_STATUS_VALUES]);
    expect([...o.AGREEMENT_STATUSES]).toEqual([...c.AGREEMENT_STATUS_VALUES]);
  });
});
