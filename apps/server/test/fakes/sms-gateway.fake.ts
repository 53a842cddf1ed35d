import { Failures, type FakeRequest, startHttpFake } from './http.fake.ts';

/*
 * A local SMS gateway (issue 12) answering as the two Kazakh gateways Esep has presets for, and
 * as a plain custom one:
 *   Mobizon   POST /service/message/sendsmsmessage?output=json&api=v1&apiKey=…  (recipient, text, from)
 *             → { code: 0, data: { campaignId, messageId, status }, message: '' } or { code: N, data, message }
 *   SMSC.kz   GET or POST /sys/send.php (login, psw, phones, mes, sender, fmt=3, charset)
 *             → { id, cnt } or { error, error_code }
 *   custom    any method on /custom; answers { id } and refuses a second message with the same
 *             `ref` parameter (answering the first one's id): a gateway that de-duplicates.
 * Credentials: Mobizon's apiKey must be `apiKey`; SMSC's login/psw must be `login`/`password`
 * (as constructed). A test makes one phone number (digits, as the gateway gets it) fail:
 *   bad_number   Mobizon code 1 (recipient invalid) / SMSC 7 / custom HTTP 400
 *   no_balance   Mobizon 999 (its general error: it has no code of its own) / SMSC 3 / custom 402
 *   auth         Mobizon 8 / SMSC 2 / custom 401
 *   rate_limit   Mobizon 30 / SMSC 9 / custom 429 with Retry-After: 7
 *   http_400, http_500   that HTTP status, whatever the gateway
 *   hang         no answer until the fake closes
 */

export type SmsFailure = 'bad_number' | 'no_balance' | 'auth' | 'rate_limit' | 'http_400' | 'http_500' | 'hang';
export type SmsGatewayKind = 'mobizon' | 'smsc' | 'custom';

export interface SmsReceived {
  gateway: SmsGatewayKind;
  method: string;
  /** The number as the gateway got it. */
  phone: string;
  text: string;
  sender: string | undefined;
  /** Every parameter, as received (query and body). */
  params: Record<string, unknown>;
  id: string;
}

export class SmsGatewayFake {
  readonly messages: SmsReceived[] = [];
  private readonly failures = new Failures<SmsFailure>();
  private readonly byRef = new Map<string, string>();
  private nextId = 1000;

  private constructor(
    readonly url: string,
    readonly credentials: { apiKey: string; login: string; password: string },
    private readonly stop: () => Promise<void>,
  ) {}

  static async start(credentials = { apiKey: 'mobizon-test-key', login: 'esep', password: 'smsc-test-password' }): Promise<SmsGatewayFake> {
    let fake: SmsGatewayFake | undefined;
    const server = await startHttpFake((request, reply) => fake!.handle(request, reply));
    fake = new SmsGatewayFake(server.url, credentials, server.close);
    return fake;
  }

  /** Each gateway's send URL on this fake. */
  get urls(): Record<SmsGatewayKind, string> {
    return { mobizon: `${this.url}/service/message/sendsmsmessage`, smsc: `${this.url}/sys/send.php`, custom: `${this.url}/custom` };
  }

  /** Makes messages to `phone` (digits, or +digits) fail (the next `times`, or all); `null` clears it. */
  fail(phone: string, mode: SmsFailure | null, options: { times?: number } = {}): void {
    this.failures.set(phone.replace(/^\+/, ''), mode, options.times);
  }

  close(): Promise<void> {
    return this.stop();
  }

  private handle(request: FakeRequest, reply: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    const gateway: SmsGatewayKind | undefined = request.url.pathname === '/service/message/sendsmsmessage' ? 'mobizon'
      : request.url.pathname === '/sys/send.php' ? 'smsc' : request.url.pathname === '/custom' ? 'custom' : undefined;
    if (!gateway) return reply(404, { error: 'not found' });
    const p = request.params;
    const str = (v: unknown) => (v === undefined ? undefined : String(v));
    const phone = (str(gateway === 'mobizon' ? p.recipient : gateway === 'smsc' ? p.phones : p.to ?? p.phone) ?? '').replace(/^\+/, '');
    const text = str(gateway === 'mobizon' ? p.text : gateway === 'smsc' ? p.mes : p.text ?? p.message) ?? '';
    const sender = str(gateway === 'mobizon' ? p.from : gateway === 'smsc' ? p.sender : p.sender ?? p.from);
    const answer = answers[gateway];

    const authorised = gateway === 'mobizon' ? p.apiKey === this.credentials.apiKey
      : gateway === 'smsc' ? p.login === this.credentials.login && p.psw === this.credentials.password : true;
    const failure = authorised ? this.failures.take(phone) : 'auth';
    if (failure === 'hang') return;
    if (failure === 'http_400' || failure === 'http_500') return reply(failure === 'http_400' ? 400 : 500, 'gateway failure', { 'content-type': 'text/plain' });
    if (failure) return answer.fail(failure, reply);
    if (!/^\d{8,15}$/.test(phone) || !text) return answer.fail('bad_number', reply);
    // SMSC reads windows-1251 unless charset=utf-8 is given: the text would arrive garbled.
    if (gateway === 'smsc' && p.charset !== 'utf-8') return reply(200, { error: 'charset', error_code: 1 });

    const ref = gateway === 'custom' ? str(p.ref) : undefined;
    if (ref && this.byRef.has(ref)) return answer.ok(this.byRef.get(ref)!, reply);
    const id = String(this.nextId++);
    if (ref) this.byRef.set(ref, id);
    this.messages.push({ gateway, method: request.method, phone, text, sender, params: p, id });
    return answer.ok(id, reply);
  }
}

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;
type GatewayFailure = Exclude<SmsFailure, 'hang' | 'http_400' | 'http_500'>;

const answers: Record<SmsGatewayKind, { ok(id: string, reply: Reply): void; fail(mode: GatewayFailure, reply: Reply): void }> = {
  mobizon: {
    ok: (id, reply) => reply(200, { code: 0, data: { campaignId: `c${id}`, messageId: id, status: 2 }, message: '' }),
    fail: (mode, reply) => reply(200, {
      bad_number: { code: 1, data: { recipient: 'Неверный номер получателя' }, message: '' },
      no_balance: { code: 999, data: null, message: 'Недостаточно средств на балансе' },
      auth: { code: 8, data: null, message: 'Неверный ключ API' },
      rate_limit: { code: 30, data: null, message: 'Превышен лимит запросов' },
    }[mode]),
  },
  smsc: {
    ok: (id, reply) => reply(200, { id: Number(id), cnt: 1 }),
    fail: (mode, reply) => reply(200, {
      bad_number: { error: 'invalid number', error_code: 7 },
      no_balance: { error: 'no money', error_code: 3 },
      auth: { error: 'authorise error', error_code: 2 },
      rate_limit: { error: 'duplicate request, wait a minute', error_code: 9 },
    }[mode]),
  },
  custom: {
    ok: (id, reply) => reply(200, { id }),
    fail: (mode, reply) => ({
      bad_number: () => reply(400, { error: 'invalid recipient' }),
      no_balance: () => reply(402, { error: 'insufficient funds' }),
      auth: () => reply(401, { error: 'unauthorized' }),
      rate_limit: () => reply(429, { error: 'slow down' }, { 'retry-after': '7' }),
    })[mode](),
  },
};
