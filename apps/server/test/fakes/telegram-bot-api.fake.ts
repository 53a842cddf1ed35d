import { Failures, type FakeRequest, startHttpFake } from './http.fake.ts';

/*
 * A local Telegram Bot API (issue 12): `POST /bot<token>/<method>` as api.telegram.org answers it,
 * `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`, for the two
 * methods Esep calls — getMe and sendMessage. It records every message it accepts, and a test
 * can make one chat's sends fail the ways the real API does:
 *   blocked    403 "Forbidden: bot was blocked by the user"
 *   not_found  400 "Bad Request: chat not found"
 *   flood      429 "Too Many Requests: retry after N", parameters.retry_after = N (default 5)
 *   error      500 "Internal Server Error"
 *   hang       no answer until the fake closes
 * Point a channel at it with `apiRoot: fake.apiRoot` and `token: fake.token`.
 */

export type TelegramFailure = 'blocked' | 'not_found' | 'flood' | 'error' | 'hang';

export interface TelegramSentMessage {
  chatId: string;
  text: string;
  parseMode: string | undefined;
  /** Everything else sendMessage received (link_preview_options, …). */
  params: Record<string, unknown>;
  messageId: number;
  /** When it arrived (ms since the epoch): lets a test check the pacing between sends. */
  receivedAt: number;
}

const FAILURES: Record<Exclude<TelegramFailure, 'hang' | 'flood'>, { error_code: number; description: string }> = {
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  not_found: { error_code: 400, description: 'Bad Request: chat not found' },
  error: { error_code: 500, description: 'Internal Server Error' },
};

export class TelegramBotApiFake {
  readonly messages: TelegramSentMessage[] = [];
  /** Every call, accepted or not: method and chat. */
  readonly calls: Array<{ method: string; chatId: string | undefined }> = [];
  private readonly failures = new Failures<TelegramFailure>();
  private retryAfter = 5;
  private nextMessageId = 1;

  private constructor(readonly apiRoot: string, readonly token: string, private readonly stop: () => Promise<void>) {}

  static async start(token = '123456789:TEST-esep-bot-token'): Promise<TelegramBotApiFake> {
    let fake: TelegramBotApiFake | undefined;
    const server = await startHttpFake((request, reply) => fake!.handle(request, reply));
    fake = new TelegramBotApiFake(server.url, token, server.close);
    return fake;
  }

  /** Makes sends to `chatId` fail (the next `times` of them, or all); `null` clears it. */
  fail(chatId: string, mode: TelegramFailure | null, options: { times?: number; retryAfter?: number } = {}): void {
    this.failures.set(chatId, mode, options.times);
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }

  close(): Promise<void> {
    return this.stop();
  }

  private handle(request: FakeRequest, reply: (status: number, body: unknown) => void): void {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url.pathname);
    if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const chatId = request.params.chat_id === undefined ? undefined : String(request.params.chat_id);
    this.calls.push({ method, chatId });
    if (method === 'getMe') {
      return reply(200, { ok: true, result: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Esep', username: 'esep_test_bot', can_join_groups: false } });
    }
    if (method !== 'sendMessage') return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    const text = request.params.text;
    if (!chatId) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    if (typeof text !== 'string' || !text.trim()) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    const failure = this.failures.take(chatId);
    if (failure === 'hang') return;
    if (failure === 'flood') {
      return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${this.retryAfter}`, parameters: { retry_after: this.retryAfter } });
    }
    if (failure) return reply(FAILURES[failure].error_code, { ok: false, ...FAILURES[failure] });
    const { chat_id: _chat, text: _text, parse_mode: parseMode, ...params } = request.params;
    const messageId = this.nextMessageId++;
    const date = Math.floor(Date.now() / 1000);
    this.messages.push({ chatId, text, parseMode: parseMode as string | undefined, params, messageId, receivedAt: Date.now() });
    const id = Number(chatId);
    return reply(200, {
      ok: true,
      result: {
        message_id: messageId, date, text,
        chat: id < 0 ? { id, type: 'group', title: 'Esep test group' } : { id, type: 'private', first_name: 'Test' },
        from: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Esep', username: 'esep_test_bot' },
      },
    });
  }
}
