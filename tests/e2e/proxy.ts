import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with requests for one path; anything without a rule goes to the real server. */
export type ProxyRule =
  /** accept the request and never answer (the socket stays open) */
  | { kind: 'hang' }
  /** answer 200 and stream bytes for ever, as fast as the client reads them */
  | { kind: 'endless' }
  /** answer with this body instead of the server's */
  | { kind: 'body'; body: string; status?: number };

export interface TestProxy {
  url: string;
  rule(pathname: string, rule: ProxyRule | null): void;
  /** requests seen per path, and bytes written by 'endless' before the client went away */
  stats(pathname: string): { requests: number; endlessBytes: number; clientClosed: number };
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, so only the size can stop it

/**
 * A small HTTP proxy in front of the real server, standing for a hostile network or server: it can
 * hang a request, stream a response without end, or rewrite a response (e.g. /api/root).
 */
export async function startProxy(upstream: string): Promise<TestProxy> {
  const target = new URL(upstream);
  const rules = new Map<string, ProxyRule>();
  const stats = new Map<string, { requests: number; endlessBytes: number; clientClosed: number }>();
  const open = new Set<ServerResponse>();
  const statsOf = (path: string) => {
    let s = stats.get(path);
    if (!s) stats.set(path, (s = { requests: 0, endlessBytes: 0, clientClosed: 0 }));
    return s;
  };

  function stream(res: ServerResponse, s: { endlessBytes: number }): void {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    const write = (): void => {
      while (!res.destroyed) {
        s.endlessBytes += CHUNK.length;
        if (!res.write(CHUNK)) {
          res.once('drain', write);
          return;
        }
      }
    };
    write();
  }

  function pass(req: IncomingMessage, res: ServerResponse): void {
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const s = statsOf(path);
    s.requests++;
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      if (!res.writableFinished) s.clientClosed++;
    });
    const rule = rules.get(path);
    if (!rule) return pass(req, res);
    if (rule.kind === 'hang') return;
    if (rule.kind === 'endless') return stream(res, s);
    res.writeHead(rule.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(rule.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rule(pathname, rule) {
      if (rule) rules.set(pathname, rule);
      else rules.delete(pathname);
    },
    stats: (pathname) => ({ ...statsOf(pathname) }),
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  };
}
