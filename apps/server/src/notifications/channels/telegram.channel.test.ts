import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFake } from '../../../test/fakes/http.fake.ts';
import { KAZAKH_LETTERS, kazakhMessage } from '../../../test/fakes/messages.ts';
import { TelegramBotApiFake } from '../../../test/fakes/telegram-bot-api.fake.ts';
import { VirtualClock } from '../../../test/fakes/virtual-clock.ts';
import { ChannelError } from '../channel.ts';
import { telegramChannel, telegramHtml } from './telegram.channel.ts';
import { Pacer, TELEGRAM_LIMITS } from './telegram.pacer.ts';

let fake: TelegramBotApiFake;
beforeAll(async () => { fake = await TelegramBotApiFake.start(); });
afterAll(() => fake.close());

/** A channel on the fake whose pacer runs on a virtual clock: no test waits for pacing. */
function channel() {
  const clock = new VirtualClock();
  return { clock, channel: telegramChannel({ token: fake.token, apiRoot: fake.apiRoot, pacer: new Pacer(TELEGRAM_LIMITS, clock) }) };
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('Telegram channel (issue 12)', () => {
  it('sends the subject in bold, the text and the link, Kazakh letters intact', async () => {
    const { channel: telegram } = channel();
    const message = kazakhMessage({ address: '123456789' });
    const result = await telegram.send(message);
    const sent = fake.messages.find((m) => m.messageId === Number(result.providerId))!;
    expect(sent.chatId).toBe('123456789');
    expect(sent.parseMode).toBe('HTML');
    expect(sent.text).toBe(`<b>${message.subject}</b>\n\n${message.text}\n\n${message.link}`);
    for (const letter of KAZAKH_LETTERS) expect(sent.text).toContain(letter);
    expect(sent.params.link_preview_options).toEqual({ is_disabled: true });
    expect(telegram.idempotent).toBe(false);
  });

  it('escapes what HTML parse mode would read as markup, and keeps under the length limit', () => {
    expect(telegramHtml({ subject: 'A <b> & C', text: '1 < 2 > 0 & "q"', link: 'https://e.kz/?a=1&b=2' }))
      .toBe('<b>A &lt;b&gt; &amp; C</b>\n\n1 &lt; 2 &gt; 0 &amp; "q"\n\nhttps://e.kz/?a=1&amp;b=2');
    const long = telegramHtml({ subject: 'S', text: 'қ&'.repeat(5000) });
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('sends to a group chat id (negative)', async () => {
    const { channel: telegram } = channel();
    await telegram.send(kazakhMessage({ address: '-1001234567890' }));
    expect(fake.messages.at(-1)!.chatId).toBe('-1001234567890');
  });

  it('accepts chat ids and refuses anything else', () => {
    const { channel: telegram } = channel();
    for (const ok of ['123456789', '-1001234567890', '7']) expect(telegram.validAddress(ok)).toBe(true);
    for (const bad of ['', '@esep_channel', '12a', '+77011234567', '1'.repeat(21), ' 123']) expect(telegram.validAddress(bad)).toBe(false);
  });

  it('paces sends to one chat a second apart', async () => {
    const { channel: telegram, clock } = channel();
    for (let i = 0; i < 3; i++) await telegram.send(kazakhMessage({ address: '555', text: `№${i}` }));
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(clock.t).toBeGreaterThanOrEqual(2000);
    expect(fake.messages.filter((m) => m.chatId === '555').map((m) => m.text.split('\n\n')[1])).toEqual(['№0', '№1', '№2']);
  });

  it('maps a blocked bot and an unknown chat to permanent failures', async () => {
    const { channel: telegram } = channel();
    fake.fail('1001', 'blocked');
    fake.fail('1002', 'not_found');
    expect(await failure(telegram.send(kazakhMessage({ address: '1001' })))).toMatchObject({ kind: 'permanent', reason: 'telegram_403', message: 'Forbidden: bot was blocked by the user' });
    expect(await failure(telegram.send(kazakhMessage({ address: '1002' })))).toMatchObject({ kind: 'permanent', reason: 'telegram_400', message: 'Bad Request: chat not found' });
  });

  it('maps 429 to temporary with retry_after, and holds that chat until then', async () => {
    const { channel: telegram, clock } = channel();
    fake.fail('1003', 'flood', { times: 1, retryAfter: 3 });
    expect(await failure(telegram.send(kazakhMessage({ address: '1003' })))).toMatchObject({ kind: 'temporary', reason: 'telegram_429', retryAfterMs: 3000 });
    await telegram.send(kazakhMessage({ address: '1003' }));
    expect(clock.sleeps).toEqual([3000]);
  });

  it('maps a server error to temporary', async () => {
    const { channel: telegram } = channel();
    fake.fail('1004', 'error', { times: 1 });
    expect(await failure(telegram.send(kazakhMessage({ address: '1004' })))).toMatchObject({ kind: 'temporary', reason: 'telegram_500' });
    expect((await telegram.send(kazakhMessage({ address: '1004' }))).providerId).toMatch(/^\d+$/);
  });

  it('gives up at the deadline when the Bot API does not answer (temporary)', async () => {
    const { channel: telegram } = channel();
    fake.fail('1005', 'hang');
    const started = Date.now();
    expect(await failure(telegram.send(kazakhMessage({ address: '1005' }), AbortSignal.timeout(300)))).toMatchObject({ kind: 'temporary', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps a refused connection and a wrong token', async () => {
    const closed = await startHttpFake(() => {});
    await closed.close();
    const offline = telegramChannel({ token: fake.token, apiRoot: closed.url });
    expect(await failure(offline.send(kazakhMessage({ address: '1006' })))).toMatchObject({ kind: 'temporary', reason: 'connection' });
    const revoked = telegramChannel({ token: '1:revoked', apiRoot: `${fake.apiRoot}/` });
    expect(await failure(revoked.send(kazakhMessage({ address: '1006' })))).toMatchObject({ kind: 'permanent', reason: 'telegram_401' });
  });
});
