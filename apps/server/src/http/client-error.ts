import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_BY_CODE } from './errors.js';

/** Node's HTTP parser's failures, by its error code, as this server's error codes. */
function codeOf(error: NodeJS.ErrnoException): { code: string; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'HEADERS_TOO_LARGE',
        message: 'The request line and headers are too large (a URL or a cookie too long?)',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' };
    default:
      return { code: 'VALIDATION_FAILED', message: 'Malformed HTTP request' };
  }
}

/**
 * Answers a request Node's HTTP parser refuses before Express sees it (a request line or headers
 * over the size limit, malformed HTTP) as every other 4xx: `{ "error": { "code", "message" } }`
 * JSON, where Node would answer a bare `431`/`400` without a body. As Node does, answers unless an
 * answer is already being written on the connection, and then closes it.
 *
 * @example
 * ```ts
 * const server = app.listen(0);
 * answerClientErrorsAsJson(server);
 * ```
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on(
    'clientError',
    (
      error: NodeJS.ErrnoException,
      socket: Duplex & { _httpMessage?: { headersSent?: boolean } },
    ) => {
      // An answer already started on this connection (pipelining) must not be corrupted: Node's
      // own handler checks the same, the connection's in-flight response (`_httpMessage`).
      if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
        socket.destroy();
        return;
      }
      const { code, message } = codeOf(error);
      const status = STATUS_BY_CODE[code] ?? 400;
      const body = JSON.stringify({ error: { code, message } });
      socket.end(
        `HTTP/1.1 ${status} ${code}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Cache-Control: no-store\r\n' +
          'Connection: close\r\n\r\n' +
          body,
      );
    },
  );
}
