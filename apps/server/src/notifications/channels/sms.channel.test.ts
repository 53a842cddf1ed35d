import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFake } from '../../../test/fakes/http.fake.ts';
import { KAZAKH_LETTERS, kazakhMessage } from '../../../test/fakes/messages.ts';
import { SmsGatewayFake } from '../../../test/fakes/sms-gateway.fake.ts';
import { ChannelError } from '../channel.ts';
import { fillTemplate, smsChannel, type SmsChannelOptions } from './sms.channel.ts';

let fake: SmsGatewayFake;
beforeAll(async () => { fake = await SmsGatewayFake.start(); });
afterAll(() => fake.close());

const mobizon = () => smsChannel({ gateway: 'mobizon', url: fake.urls.mobizon, method: 'POST', apiKey: fake.credentials.apiKey, sender: 'ESEP' });
const smsc = () => smsChannel({ gateway: 'smsc', url: fake.urls.smsc, method: 'POST', login: fake.credentials.login, password: fake.credentials.password, sender: 'ESEP' });
const custom = (template: string, method: SmsChannelOptions['method'] = 'POST') =>
  smsChannel({ gateway: 'custom', url: fake.urls.custom, method, template, apiKey: 'custom-key', sender: 'ESEP' });

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('SMS channel (issue 12)', () => {
  it('sends through Mobizon: digits without +, the whole text in Kazakh, the sender, the API key', async () => {
    const message = kazakhMessage({ address: '+77011230001' });
    const result = await mobizon().send(message);
    const received = fake.messages.find((m) => m.id === result.providerId)!;
    expect(received).toMatchObject({ gateway: 'mobizon', method: 'POST', phone: '77011230001', sender: 'ESEP' });
    expect(received.text).toBe(`${message.subject}\n${message.text}\n${message.link}`);
    for (const letter of KAZAKH_LETTERS) expect(received.text).toContain(letter);
    expect(received.params).toMatchObject({ output: 'json', api: 'v1', apiKey: fake.credentials.apiKey });
    expect(mobizon().idempotent).toBe(false);
  });

  it('sends through SMSC.kz in UTF-8 with the JSON answer format', async () => {
    const result = await smsc().send(kazakhMessage({ address: '+77011230002' }));
    const received = fake.messages.find((m) => m.id === result.providerId)!;
    expect(received).toMatchObject({ gateway: 'smsc', phone: '77011230002', sender: 'ESEP' });
    expect(received.params).toMatchObject({ fmt: '3', charset: 'utf-8', login: 'esep', psw: fake.credentials.password });
    for (const letter of KAZAKH_LETTERS) expect(received.text).toContain(letter);
    expect(smsc().idempotent).toBe(false);
  });

  it('sends through a custom template by GET, and a gateway that de-duplicates on the key sends once', async () => {
    const channel = custom('to={phone}&text={text}&from={sender}&token={apiKey}&ref={key}', 'GET');
    expect(channel.idempotent).toBe(true);
    const message = kazakhMessage({ key: 'sms-once', address: '+77011230003' });
    const first = await channel.send(message);
    const again = await channel.send(message);
    expect(again.providerId).toBe(first.providerId);
    const received = fake.messages.filter((m) => m.phone === '77011230003');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ gateway: 'custom', method: 'GET', sender: 'ESEP', params: { token: 'custom-key', ref: 'sms-once' } });
    for (const letter of KAZAKH_LETTERS) expect(received[0]!.text).toContain(letter);
  });

  it('sends a JSON template as a JSON body, each placeholder filled inside its string', async () => {
    const channel = custom('{"to":"{e164}","message":"{text}","meta":{"ref":"{key}","tags":["esep","{sender}"]},"flash":false}');
    await channel.send(kazakhMessage({ key: 'json-1', address: '+77011230004', text: 'Кездесу "ертең" — {phone} қалады' }));
    const received = fake.messages.find((m) => m.phone === '77011230004')!;
    expect(received.params).toMatchObject({ to: '+77011230004', meta: { ref: 'json-1', tags: ['esep', 'ESEP'] }, flash: false });
    expect(received.text).toContain('Кездесу "ертең" — {phone} қалады');
    expect(custom('{"to":"{phone}","text":"{text}"}').idempotent).toBe(false);
  });

  it('fills templates without letting a value be read as another placeholder', () => {
    const values = { phone: '7701', e164: '+7701', text: 'a&b={key}', key: 'K', sender: '', apiKey: 'k', login: '', password: '' };
    const filled = fillTemplate('to={phone}&t={text}&k={key}', values);
    expect(filled.kind === 'form' && Object.fromEntries(filled.params)).toEqual({ to: '7701', t: 'a&b={key}', k: 'K' });
    expect(() => smsChannel({ gateway: 'custom', url: fake.urls.custom, method: 'POST', template: 'to={phone}&pw={secret}' })).toThrow('secret');
  });

  it('maps Mobizon refusals: a bad number and a refused key permanent, rate limit and general errors temporary', async () => {
    fake.fail('+77011230010', 'bad_number');
    fake.fail('+77011230011', 'rate_limit');
    fake.fail('+77011230012', 'no_balance');
    const channel = mobizon();
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230010' })))).toMatchObject({ kind: 'permanent', reason: 'sms_mobizon_1' });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230011' })))).toMatchObject({ kind: 'temporary', reason: 'sms_mobizon_30' });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230012' })))).toMatchObject({ kind: 'temporary', reason: 'sms_mobizon_999' });
    const wrongKey = smsChannel({ gateway: 'mobizon', url: fake.urls.mobizon, method: 'POST', apiKey: 'wrong' });
    expect(await failure(wrongKey.send(kazakhMessage()))).toMatchObject({ kind: 'permanent', reason: 'sms_mobizon_8' });
  });

  it('maps SMSC refusals: bad number and login permanent, no balance and duplicates temporary', async () => {
    fake.fail('+77011230020', 'bad_number');
    fake.fail('+77011230021', 'no_balance');
    fake.fail('+77011230022', 'rate_limit');
    const channel = smsc();
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230020' })))).toMatchObject({ kind: 'permanent', reason: 'sms_smsc_7' });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230021' })))).toMatchObject({ kind: 'temporary', reason: 'sms_smsc_3' });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230022' })))).toMatchObject({ kind: 'temporary', reason: 'sms_smsc_9' });
    const wrongLogin = smsChannel({ gateway: 'smsc', url: fake.urls.smsc, method: 'POST', login: 'esep', password: 'wrong' });
    expect(await failure(wrongLogin.send(kazakhMessage()))).toMatchObject({ kind: 'permanent', reason: 'sms_smsc_2' });
  });

  it('maps HTTP statuses: 4xx permanent, 429 (with Retry-After) and 5xx temporary', async () => {
    fake.fail('+77011230030', 'bad_number');
    fake.fail('+77011230031', 'rate_limit');
    fake.fail('+77011230032', 'http_500');
    fake.fail('+77011230033', 'http_400');
    const channel = custom('to={phone}&text={text}');
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230030' })))).toMatchObject({ kind: 'permanent', reason: 'sms_custom_http_400' });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230031' })))).toMatchObject({ kind: 'temporary', reason: 'sms_custom_http_429', retryAfterMs: 7000 });
    expect(await failure(channel.send(kazakhMessage({ address: '+77011230032' })))).toMatchObject({ kind: 'temporary', reason: 'sms_custom_http_500' });
    expect(await failure(mobizon().send(kazakhMessage({ address: '+77011230033' })))).toMatchObject({ kind: 'permanent', reason: 'sms_mobizon_http_400' });
  });

  it('gives up at the deadline (temporary) and maps a refused connection to temporary', async () => {
    fake.fail('+77011230040', 'hang');
    const started = Date.now();
    expect(await failure(smsc().send(kazakhMessage({ address: '+77011230040' }), AbortSignal.timeout(300)))).toMatchObject({ kind: 'temporary', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    const closed = await startHttpFake(() => {});
    await closed.close();
    const offline = smsChannel({ gateway: 'mobizon', url: `${closed.url}/service/message/sendsmsmessage`, method: 'POST', apiKey: 'k' });
    expect(await failure(offline.send(kazakhMessage()))).toMatchObject({ kind: 'temporary', reason: 'connection' });
  });

  it('accepts E.164 numbers and refuses anything else', () => {
    const channel = mobizon();
    for (const ok of ['+77011234567', '+77272123456', '+491701234567']) expect(channel.validAddress(ok)).toBe(true);
    for (const bad of ['', '77011234567', '87011234567', '+0701123456', '+7 701 123 45 67', '+7701', 'inspector@police.kz']) expect(channel.validAddress(bad)).toBe(false);
  });
});
