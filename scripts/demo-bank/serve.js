// A demo bank site on another origin, embedding Candor's widget:
//   CANDOR_URL=http://localhost:3000 PORT=3001 node scripts/demo-bank/serve.js  → http://localhost:3001/
// Another port is another origin but the same site, as candor.bank.example is for www.bank.example:
// browsers block storage in cross-site frames, so a bank serves Candor from a subdomain of its site.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const candor = new URL(process.env.CANDOR_URL ?? 'http://localhost:3000').origin;
const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? 'localhost';
const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8').replace('__CANDOR_ORIGIN__', candor);

createServer((req, res) => {
  if (req.url !== '/' && req.url !== '/index.html') {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
}).listen(port, host, () => console.log(`Demo bank: http://${host}:${port}/ (Candor at ${candor})`));
