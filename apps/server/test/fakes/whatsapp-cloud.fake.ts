import { Failures, type FakeRequest, startHttpFake } from './http.fake.ts';

/*
 * A local WhatsApp Cloud API (issue 12): `POST /{version}/{phoneNumberId}/messages` with a Bearer
 * token, for template messages. It checks what Meta checks before accepting one — the token, the
 * phone number id, `messaging_product`, a known template in that language, a body variable
 * without newlines, tabs or more than four spaces in a row — and answers
 * `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: 'wamid…' }] }` or
 * `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`.
 * A test makes one number (digits, as sent) fail:
 *   undeliverable  400, 131026 (no WhatsApp on the number, or the user's terms not accepted)
 *   rate_limit     429, 130429 (throughput reached)
 *   spam_limit     400, 131048 (spam rate limit)
 *   pair_limit     400, 131056 (too many messages to this number)
 *   server_error   500, 131000 (something went wrong)
 *   hang           no answer until the fake closes
 */

export type WhatsAppFailure = 'undeliverable' | 'rate_limit' | 'spam_limit' | 'pair_limit' | 'server_error' | 'hang';

export interface WhatsAppReceived {
  to: string;
  template: string;
  language: string;
  /** The body variables' texts, in order. */
  parameters: string[];
  body: unknown;
  id: string;
}

const FAILURES: Record<Exclude<WhatsAppFailure, 'hang'>, { status: number; code: number; message: string }> = {
  undeliverable: { status: 400, code: 131026, message: 'Message undeliverable' },
  rate_limit: { status: 429, code: 130429, message: 'Rate limit hit' },
  spam_limit: { status: 400, code: 131048, message: 'Spam rate limit hit' },
  pair_limit: { status: 400, code: 131056, message: '(Business Account, Consumer Account) pair rate limit hit' },
  server_error: { status: 500, code: 131000, message: 'Something went wrong' },
};

export class WhatsAppCloudFake {
  readonly messages: WhatsAppReceived[] = [];
  private readonly failures = new Failures<WhatsAppFailure>();
  private nextId = 1;

  private constructor(
    readonly apiRoot: string,
    readonly config: { token: string; phoneNumberId: string; version: string; templates: Record<string, string[]> },
    private readonly stop: () => Promise<void>,
  ) {}

  /** `templates`: each approved template's name and its languages. */
  static async start(config = { token: 'EAAG-test-token', phoneNumberId: '106540352242922', version: 'v21.0', templates: { esep_reminder: ['kk', 'ru', 'en'] } as Record<string, string[]> }): Promise<WhatsAppCloudFake> {
    let fake: WhatsAppCloudFake | undefined;
    const server = await startHttpFake((request, reply) => fake!.handle(request, reply));
    fake = new WhatsAppCloudFake(server.url, config, server.close);
    return fake;
  }

  /** Makes messages to `phone` (digits, or +digits) fail (the next `times`, or all); `null` clears it. */
  fail(phone: string, mode: WhatsAppFailure | null, options: { times?: number } = {}): void {
    this.failures.set(phone.replace(/^\+/, ''), mode, options.times);
  }

  close(): Promise<void> {
    return this.stop();
  }

  private handle(request: FakeRequest, reply: (status: number, body: unknown) => void): void {
    const error = (status: number, code: number, message: string, type = 'OAuthException', details?: string) =>
      reply(status, { error: { message, type, code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: 'AbCdEfGh' } });
    const { token, phoneNumberId, version, templates } = this.config;
    if (request.headers.authorization !== `Bearer ${token}`) return error(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (request.method !== 'POST' || request.url.pathname !== `/${version}/${phoneNumberId}/messages`) {
      return error(400, 100, `Unsupported post request. Object with ID '${request.url.pathname.split('/')[2] ?? ''}' does not exist`, 'GraphMethodException');
    }
    const body = request.json as {
      messaging_product?: string; to?: string; type?: string;
      template?: { name?: string; language?: { code?: string }; components?: Array<{ type?: string; parameters?: Array<{ type?: string; text?: string }> }> };
    } | undefined;
    if (body?.messaging_product !== 'whatsapp') return error(400, 100, 'The parameter messaging_product is required.');
    const to = String(body.to ?? '').replace(/^\+/, '');
    if (!/^\d{8,15}$/.test(to)) return error(400, 131009, 'Parameter value is not valid', 'OAuthException', 'to: not a phone number');
    if (body.type !== 'template' || !body.template?.name) return error(400, 131008, 'Required parameter is missing', 'OAuthException', 'template');
    const language = body.template.language?.code ?? '';
    if (!templates[body.template.name]?.includes(language)) {
      return error(404, 132001, 'Template name does not exist in the translation', 'OAuthException', `template name (${body.template.name}) does not exist in ${language}`);
    }
    const parameters = (body.template.components ?? []).filter((c) => c.type === 'body').flatMap((c) => c.parameters ?? []).map((p) => p.text ?? '');
    if (parameters.some((text) => !text || /[\n\t]| {5,}/.test(text))) {
      return error(400, 132018, 'There was an issue with the parameters in your template.', 'OAuthException', 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
    }
    const failure = this.failures.take(to);
    if (failure === 'hang') return;
    if (failure) return error(FAILURES[failure].status, FAILURES[failure].code, FAILURES[failure].message);
    const id = `wamid.HBgLNzcwMTEyMzQ1NjcVAgARGBI${String(this.nextId++).padStart(6, '0')}`;
    this.messages.push({ to, template: body.template.name, language, parameters, body, id });
    return reply(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: to }], messages: [{ id, message_status: 'accepted' }] });
  }
}
