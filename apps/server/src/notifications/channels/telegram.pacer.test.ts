import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../test/fakes/virtual-clock.ts';
import { Pacer, TELEGRAM_LIMITS } from './telegram.pacer.ts';

describe('Telegram pacing (issue 12)', () => {
  it('keeps a second between two sends to one chat', () => {
    const clock = new VirtualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    expect([pacer.reserve('42'), pacer.reserve('42'), pacer.reserve('42')]).toEqual([0, 1000, 2000]);
    clock.t = 5000;
    expect(pacer.reserve('42')).toBe(5000);
  });

  it('sends at most 30 a second in all, however many chats', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS, new VirtualClock());
    const slots = Array.from({ length: 61 }, (_, i) => pacer.reserve(String(i)));
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeCloseTo(1000 / 30, 6);
    // Any window of one second holds at most 30 sends.
    for (const start of slots) expect(slots.filter((s) => s >= start && s < start + 1000 - 1e-6).length).toBeLessThanOrEqual(30);
    expect(slots[30]).toBeCloseTo(1000, 6);
  });

  it('lets other chats go in the gaps of a busy one', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS, new VirtualClock());
    expect([pacer.reserve('busy'), pacer.reserve('busy'), pacer.reserve('busy')]).toEqual([0, 1000, 2000]);
    expect(pacer.reserve('other')).toBeCloseTo(1000 / 30, 6);
    expect(pacer.reserve('third')).toBeCloseTo(2000 / 30, 6);
  });

  it('holds a chat for as long as Telegram asked (429 retry_after)', () => {
    const clock = new VirtualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    pacer.reserve('42');
    pacer.holdChat('42', 7000);
    expect(pacer.reserve('42')).toBe(7000);
    expect(pacer.reserve('43')).toBeCloseTo(1000 / 30, 6);
  });

  it('waits through its clock, and gives up on abort', async () => {
    const clock = new VirtualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    await pacer.wait('42');
    await pacer.wait('42');
    await pacer.wait('42');
    expect(clock.sleeps).toEqual([1000, 1000]);
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(pacer.wait('42', controller.signal)).rejects.toThrow('deadline');
  });
});
