import net from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** One mail as the test SMTP server received and decoded it. */
export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  /** The text with every kind of space made a plain space (ICU formats use narrow no-break spaces). */
  text: string;
  messageId: string;
  language: string | undefined;
}

/** A real SMTP server, in-process, that keeps every mail it accepts. */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  #server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (0: an ephemeral one). */
  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          PostalMime.parse(Buffer.concat(chunks)).then((mail) => {
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              from: mail.from?.address ?? '',
              to: mail.to?.map((t) => t.address).join(', ') ?? '',
              subject: mail.subject ?? '',
              text: (mail.text ?? '').replace(/[^\S\n]/g, ' '),
              messageId: mail.messageId ?? '',
              language: mail.headers.find((h) => h.key === 'content-language')?.value,
            });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.port = (server.server.address() as net.AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The first mail received that `matches`, waiting for it (up to 10 s, then failing with what did arrive). */
  async waitFor(matches: (mail: ReceivedMail) => boolean): Promise<ReceivedMail> {
    for (let i = 0; i < 200; i++) {
      const found = this.received.find(matches);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no such mail; received: ${JSON.stringify(this.received.map((m) => m.subject))}`);
  }
}

/** A local port where nothing listens (yet): an SMTP server that is down. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Waits until `check` returns a value (up to 10 s). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the condition never held');
}
