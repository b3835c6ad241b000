import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received message: the raw source, the parsed form and the SMTP envelope. */
export interface Received {
  readonly raw: string;
  readonly mail: ParsedMail;
  readonly rcptTo: string[];
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps what it receives; `await using` stops it. */
export interface SmtpSink extends AsyncDisposable {
  readonly port: number;
  readonly received: Received[];
  /** Answer the next `n` messages' DATA with this SMTP error (e.g. 451) instead of accepting. */
  rejectNext(n: number, responseCode: number): void;
  /** Take the next message's data, then drop the connection without any reply (unknown outcome). */
  hangUpAfterNextData(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  let rejections: { left: number; code: number } = { left: 0, code: 0 };
  let hangUp = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (hangUp) {
          hangUp = false;
          // Simulates the server (or network) dying after it got the message but before the 250.
          received.push({
            raw: Buffer.concat(chunks).toString('utf8'),
            mail: undefined as never,
            rcptTo: [],
          });
          const open = (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
          ).connections;
          for (const connection of open)
            if (connection.id === session.id) connection._socket.destroy();
          return;
        }
        if (rejections.left > 0) {
          rejections = { ...rejections, left: rejections.left - 1 };
          const error = Object.assign(new Error('Try again later'), {
            responseCode: rejections.code,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            received.push({ raw, mail, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    received,
    rejectNext: (n, code) => void (rejections = { left: n, code }),
    hangUpAfterNextData: () => void (hangUp = true),
    close,
    [Symbol.asyncDispose]: close,
  };
}
