// The production server: adapter-node's build/index.js, with one header its static file server (sirv)
// has no hook for. hooks.server.ts sets nosniff on everything SvelteKit answers; this sets it on every
// response, files from build/client and static/ included, so nothing is ever read as another type.
// build/index.js creates its server with http.createServer and attaches its handler when it listens,
// so a listener prepended here runs first. (A custom server over build/handler.js would also lose
// adapter-node's graceful shutdown, keep-alive settings and socket activation.)
import http from 'node:http';

const createServer = http.createServer;
http.createServer = (...args) => {
  const server = createServer(...args);
  server.prependListener('request', (_req, res) => res.setHeader('X-Content-Type-Options', 'nosniff'));
  return server;
};

await import(new URL('../build/index.js', import.meta.url).href);
