import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFake } from '../../../test/fakes/http.fake.ts';
import { MailServer } from '../../../test/fakes/mail-server.ts';
import { KAZAKH_LETTERS, kazakhMessage } from '../../../test/fakes/messages.ts';
import { type Channel, ChannelError } from '../channel.ts';
import { emailChannel, emailError, messageIdFor } from './email.channel.ts';

let mail: MailServer;
let email: Channel;
beforeAll(async () => {
  mail = await MailServer.start();
  email = emailChannel({ url: mail.url, from: 'Esep <esep@esep.test>' });
});
afterAll(async () => {
  await email.close?.();
  await mail.close();
});

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('e-mail channel (issue 12)', () => {
  it('sends subject, text with the link, and html, with a Message-ID made from the key', async () => {
    const message = kazakhMessage({ address: 'inspector@police.kz', html: '<p>Құрметті инспектор! <a href="https://esep.example.kz/meetings/42">Ашу</a> — әғқңөұүһі</p>' });
    const result = await email.send(message);
    await mail.settled();
    const received = mail.messages.find((m) => m.messageId === `<${message.key}@esep>`)!;
    expect(received).toBeDefined();
    expect(received.envelope).toEqual({ from: 'esep@esep.test', to: ['inspector@police.kz'] });
    expect(received.from).toBe('esep@esep.test');
    expect(received.to).toEqual(['inspector@police.kz']);
    expect(received.subject).toBe(message.subject);
    expect(received.text?.trim()).toBe(`${message.text}\n\n${message.link}`);
    expect(received.html).toContain('Ашу</a> — әғқңөұүһі');
    for (const letter of KAZAKH_LETTERS) expect(received.text).toContain(letter);
    expect(received.headers.get('content-language')).toBe('kk');
    expect(result.providerId).toMatch(/queued as ESEP\d+/);
    expect(email.idempotent).toBe(false);
  });

  it('gives every attempt of one delivery the same Message-ID', async () => {
    const message = kazakhMessage({ key: 'resend-1', address: 'lead@police.kz', html: undefined });
    await email.send(message);
    await email.send(message);
    await mail.settled();
    const copies = mail.messages.filter((m) => m.to.includes('lead@police.kz'));
    expect(copies.map((m) => m.messageId)).toEqual(['<resend-1@esep>', '<resend-1@esep>']);
    expect(copies[0]!.html).toBeUndefined();
  });

  it('makes a valid Message-ID of any key', () => {
    expect(messageIdFor('7f3c2a10-5b1e')).toBe('<7f3c2a10-5b1e@esep>');
    expect(messageIdFor('a b(c).d@e:ә')).toBe('<a%20b%28c%29%2Ed%40e%3A%D3%99@esep>');
    expect(messageIdFor('a b(c).d@e:ә')).toMatch(/^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+@esep>$/);
  });

  it('maps 550 to permanent and 451 to temporary', async () => {
    mail.fail('gone@police.kz', 'reject');
    mail.fail('busy@police.kz', 'defer');
    expect(await failure(email.send(kazakhMessage({ address: 'gone@police.kz' })))).toMatchObject({ kind: 'permanent', reason: 'smtp_550' });
    expect(await failure(email.send(kazakhMessage({ address: 'busy@police.kz' })))).toMatchObject({ kind: 'temporary', reason: 'smtp_451' });
    // The pool is still usable after a refused recipient.
    await email.send(kazakhMessage({ address: 'after@police.kz' }));
  });

  it('gives up at the deadline when the server does not answer (temporary)', async () => {
    mail.fail('slow@police.kz', 'hang');
    const started = Date.now();
    expect(await failure(email.send(kazakhMessage({ address: 'slow@police.kz' }), AbortSignal.timeout(300)))).toMatchObject({ kind: 'temporary', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    await email.send(kazakhMessage({ address: 'next@police.kz' }));
  });

  it('maps a refused connection to temporary and refused credentials to permanent', async () => {
    const closed = await startHttpFake(() => {});
    await closed.close();
    const offline = emailChannel({ url: `smtp://esep:x@${new URL(closed.url).host}`, from: 'esep@esep.test' });
    expect(await failure(offline.send(kazakhMessage({ address: 'a@police.kz' })))).toMatchObject({ kind: 'temporary', reason: 'connection' });
    await offline.close?.();
    const wrong = emailChannel({ url: mail.url.replace('mail-test-password', 'wrong'), from: 'esep@esep.test' });
    expect(await failure(wrong.send(kazakhMessage({ address: 'a@police.kz' })))).toMatchObject({ kind: 'permanent', reason: 'smtp_535' });
    await wrong.close?.();
  });

  it('reads nodemailer failures without a reply code', () => {
    expect(emailError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }))).toMatchObject({ kind: 'temporary', reason: 'timeout' });
    expect(emailError(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }))).toMatchObject({ kind: 'permanent', reason: 'smtp_envelope' });
    expect(emailError(Object.assign(new Error('bad sequence'), { code: 'EPROTOCOL', responseCode: 503 }))).toMatchObject({ kind: 'temporary', reason: 'smtp_503' });
  });

  it('accepts e-mail addresses and refuses anything else', () => {
    for (const ok of ['inspector@police.kz', 'a.b+c@mvd.gov.kz']) expect(email.validAddress(ok)).toBe(true);
    for (const bad of ['', 'inspector', 'a@b', '@police.kz', 'a b@police.kz', '+77011234567']) expect(email.validAddress(bad)).toBe(false);
  });
});
