import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { Failures } from './http.fake.ts';

/*
 * A local mail server for the e-mail channel (issue 12): the real `smtp-server` package on a free
 * loopback port, plain SMTP with AUTH (no STARTTLS: no certificate to trust), every accepted
 * message parsed with `mailparser`. A test makes one recipient fail:
 *   reject  550 5.1.1 at RCPT TO (no such mailbox: permanent)
 *   defer   451 4.3.0 at RCPT TO (greylisting, a full queue: temporary)
 *   hang    RCPT TO never answered, until the server closes
 * `url` is what ESEP_SMTP_URL would be: smtp://user:password@127.0.0.1:port.
 */

export type MailFailure = 'reject' | 'defer' | 'hang';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and the accepted RCPT TO addresses. */
  envelope: { from: string; to: string[] };
  from: string | undefined;
  to: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  messageId: string | undefined;
  /** Header values by lower-case name (the first of each). */
  headers: Map<string, unknown>;
  raw: string;
}

export class MailServer {
  readonly messages: ReceivedMail[] = [];
  private readonly failures = new Failures<MailFailure>();
  /** Parsing finishes after the server has answered; `waitFor` lets a test read what arrived. */
  private readonly parsing = new Set<Promise<void>>();
  private queued = 0;

  private constructor(readonly url: string, private readonly server: SMTPServer) {}

  static async start(credentials = { user: 'esep', pass: 'mail-test-password' }): Promise<MailServer> {
    let mail: MailServer | undefined;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      // Connections a hanging test leaves open are cut at close instead of holding it 30 s.
      closeTimeout: 200,
      onAuth(auth, _session, callback) {
        if (auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        const failure = mail!.failures.take(address.address.toLowerCase());
        if (failure === 'hang') return;
        if (failure === 'reject') return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
        if (failure === 'defer') return callback(smtpError(451, '4.3.0 Temporary lookup failure, try again later'));
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          const parsed = simpleParser(raw).then((m) => {
            const to = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
            mail!.messages.push({
              envelope, from: m.from?.value[0]?.address, to, subject: m.subject, text: m.text,
              html: typeof m.html === 'string' ? m.html : undefined, messageId: m.messageId, headers: m.headers as Map<string, unknown>, raw,
            });
          });
          mail!.parsing.add(parsed);
          void parsed.finally(() => mail!.parsing.delete(parsed));
          mail!.queued += 1;
          callback(null, `Ok: queued as ESEP${mail!.queued}`);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    mail = new MailServer(`smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`, server);
    return mail;
  }

  /** Makes mail to `address` fail (the next `times`, or all); `null` clears it. */
  fail(address: string, mode: MailFailure | null, options: { times?: number } = {}): void {
    this.failures.set(address.toLowerCase(), mode, options.times);
  }

  /** Resolves once every message accepted so far has been parsed into `messages`. */
  async settled(): Promise<void> {
    while (this.parsing.size) await Promise.all(this.parsing);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function smtpError(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}
