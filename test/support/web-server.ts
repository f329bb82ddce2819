/**
 * A real HTTP server on a loopback address for fetcher, feed and CLI tests: well-behaved routes and
 * hostile ones (huge bodies, compression bombs, redirect loops, slow drips, silence, rate limits).
 * It listens on 127.0.0.2 so that tests can allow exactly that address and still see 127.0.0.1,
 * localhost and ::1 refused by the SSRF guard.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface WebServer {
  /** e.g. http://127.0.0.2:41234 */
  origin: string;
  host: string;
  port: number;
  /** Adds or replaces a route (exact path, query ignored). */
  route(path: string, handler: Handler): void;
  /** Every request seen: path, headers and arrival time. */
  seen: { path: string; headers: IncomingMessage['headers']; at: number }[];
  close(): Promise<void>;
}

export const TEST_HOST = '127.0.0.2';

/** Starts a server with no routes but robots.txt; 404 for anything unknown. */
export async function startWebServer(): Promise<WebServer> {
  const routes = new Map<string, Handler>();
  const seen: WebServer['seen'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    seen.push({ path, headers: req.headers, at: Date.now() });
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, TEST_HOST, r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://${TEST_HOST}:${port}`,
    host: TEST_HOST,
    port,
    route: (path, handler) => void routes.set(path, handler),
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A TCP server that accepts connections and never says a word. */
export async function startSilentServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, TEST_HOST, r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://${TEST_HOST}:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Serves `body` with a content type (and optional extra headers). */
export function serve(
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): Handler {
  return (_req, res) => res.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
}

/** Streams `totalBytes` of filler text without a Content-Length. */
export function hugeBody(totalBytes: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (sent = totalBytes));
    pump();
  };
}

/** A small gzip body that unpacks to `unpackedBytes` of zeros. */
export function gzipBomb(unpackedBytes: number): Handler {
  const packed = gzipSync(Buffer.alloc(unpackedBytes), { level: 9 });
  return (_req, res) =>
    res
      .writeHead(200, {
        'content-type': 'text/html',
        'content-encoding': 'gzip',
        'content-length': String(packed.length),
      })
      .end(packed);
}

/** Sends one byte a second, forever (until the client leaves). */
export function slowDrip(): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => res.write('a'), 1000);
    res.on('close', () => clearInterval(t));
  };
}

/** Accepts the request and never answers it. */
export function neverAnswer(): Handler {
  return () => undefined;
}

/** Redirects to `location` with a status. */
export function redirect(location: string, status = 302): Handler {
  return (_req, res) => res.writeHead(status, { location }).end();
}
