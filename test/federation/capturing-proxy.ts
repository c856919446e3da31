import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the hub that keeps every request body the nodes send, so a test can prove
 * what crossed the trust boundary. While the hub is down it answers 502, as a network would.
 */
export class CapturingProxy {
  readonly bodies: string[] = [];
  private server: Server | undefined;

  constructor(private readonly targetUrl: () => string) {}

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        this.bodies.push(body.toString('utf8'));
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
        ) as Record<string, string>;
        fetch(`${this.targetUrl()}${request.url ?? '/'}`, {
          method: request.method,
          headers,
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
        }).then(
          async (answer) => {
            response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            response.end(Buffer.from(await answer.arrayBuffer()));
          },
          () => {
            response.writeHead(502, { 'content-type': 'text/plain' });
            response.end('hub unreachable');
          },
        );
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

/** The text of a body and of every base64url segment in it, so a JWS payload is read as clear text too. */
export function readableForms(body: string): string[] {
  const decoded = (body.match(/[A-Za-z0-9_-]{16,}/g) ?? []).map((segment) => Buffer.from(segment, 'base64url').toString('utf8'));
  return [body, ...decoded];
}
