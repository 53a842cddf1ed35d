import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFake } from '../../../test/fakes/http.fake.ts';
import { KAZAKH_LETTERS, kazakhMessage } from '../../../test/fakes/messages.ts';
import { WhatsAppCloudFake } from '../../../test/fakes/whatsapp-cloud.fake.ts';
import { ChannelError } from '../channel.ts';
import { templateParameter, whatsappChannel, type WhatsAppChannelOptions } from './whatsapp.channel.ts';

let fake: WhatsAppCloudFake;
beforeAll(async () => { fake = await WhatsAppCloudFake.start(); });
afterAll(() => fake.close());

const channel = (overrides: Partial<WhatsAppChannelOptions> = {}) => whatsappChannel({
  token: fake.config.token, phoneNumberId: fake.config.phoneNumberId, version: fake.config.version, apiRoot: fake.apiRoot, template: 'esep_reminder', ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('WhatsApp channel (issue 12)', () => {
  it('sends the approved template in the recipient\'s language with the reminder as its variable', async () => {
    const message = kazakhMessage({ address: '+77011240001' });
    const result = await channel().send(message);
    const received = fake.messages.find((m) => m.id === result.providerId)!;
    expect(received).toMatchObject({ to: '77011240001', template: 'esep_reminder', language: 'kk' });
    expect(received.parameters).toEqual([`${message.subject} · ${message.text} · ${message.link}`]);
    for (const letter of KAZAKH_LETTERS) expect(received.parameters[0]).toContain(letter);
    expect(result.providerId).toMatch(/^wamid\./);
    expect(channel().idempotent).toBe(false);
    await channel().send(kazakhMessage({ address: '+77011240002', locale: 'ru', subject: 'Есеп: напоминание', text: 'Протокол не подписан' }));
    expect(fake.messages.at(-1)).toMatchObject({ language: 'ru', parameters: ['Есеп: напоминание · Протокол не подписан · https://esep.example.kz/meetings/42'] });
  });

  it('flattens the text the way template variables must be (no newlines, tabs, runs of spaces)', () => {
    expect(templateParameter({ subject: 'Тақырып', text: 'бір\nекі\t\tүш      төрт\n\n', link: undefined })).toBe('Тақырып · бір · екі үш төрт');
    expect(templateParameter({ subject: 'S', text: 'ә'.repeat(2000) }).length).toBe(1024);
  });

  it('maps refusals: undeliverable, a wrong token, a template missing permanent', async () => {
    fake.fail('+77011240010', 'undeliverable');
    expect(await failure(channel().send(kazakhMessage({ address: '+77011240010' })))).toMatchObject({ kind: 'permanent', reason: 'whatsapp_131026' });
    expect(await failure(channel({ token: 'expired' }).send(kazakhMessage()))).toMatchObject({ kind: 'permanent', reason: 'whatsapp_190' });
    expect(await failure(channel({ template: 'not_approved' }).send(kazakhMessage()))).toMatchObject({ kind: 'permanent', reason: 'whatsapp_132001' });
  });

  it('maps rate limits (even with a 400 status) and server errors to temporary', async () => {
    const modes = [['+77011240020', 'rate_limit', 'whatsapp_130429'], ['+77011240021', 'spam_limit', 'whatsapp_131048'],
      ['+77011240022', 'pair_limit', 'whatsapp_131056'], ['+77011240023', 'server_error', 'whatsapp_131000']] as const;
    for (const [phone, mode, reason] of modes) {
      fake.fail(phone, mode, { times: 1 });
      expect(await failure(channel().send(kazakhMessage({ address: phone })))).toMatchObject({ kind: 'temporary', reason });
      expect((await channel().send(kazakhMessage({ address: phone }))).providerId).toMatch(/^wamid\./);
    }
  });

  it('maps an error status without the Graph API error body by its status', async () => {
    const proxy = await startHttpFake((_request, reply) => reply(502, '<html>Bad Gateway</html>'));
    expect(await failure(channel({ apiRoot: proxy.url }).send(kazakhMessage()))).toMatchObject({ kind: 'temporary', reason: 'whatsapp_http_502' });
    await proxy.close();
  });

  it('gives up at the deadline (temporary) and maps a refused connection to temporary', async () => {
    fake.fail('+77011240030', 'hang');
    const started = Date.now();
    expect(await failure(channel().send(kazakhMessage({ address: '+77011240030' }), AbortSignal.timeout(300)))).toMatchObject({ kind: 'temporary', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    const closed = await startHttpFake(() => {});
    await closed.close();
    expect(await failure(channel({ apiRoot: closed.url }).send(kazakhMessage()))).toMatchObject({ kind: 'temporary', reason: 'connection' });
  });

  it('accepts E.164 numbers and refuses anything else', () => {
    expect(channel().validAddress('+77011234567')).toBe(true);
    for (const bad of ['77011234567', '+7701', '123456789', '']) expect(channel().validAddress(bad)).toBe(false);
  });
});
