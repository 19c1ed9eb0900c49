#!/usr/bin/env node
// A static file server for the demo and the browser tests: 127.0.0.1 only, correct MIME types
// (application/wasm for instantiateStreaming), no directory listing, nothing outside the root.
//
//   node scripts/serve.mjs [--root DIR] [--port N] [--index PATH]   (PORT=… works too)
//   node scripts/serve.mjs --root . --index /www/                   (the repository, for a quick look)
//
// Tests import startServer() and get the chosen port back (port 0 = any free port).

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1:`port`. `pages` maps URL paths to in-memory HTML; `index` is the
 * path served for `/` (a folder path ending in `/` is redirected to instead, so that the page's
 * relative links work). A folder is served as its `index.html`. Resolves to
 * `{ server, port, url, close() }`.
 */
export function startServer({ root, port = 0, pages = {}, index = '/index.html' } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (path === '/' && index.endsWith('/')) {
      res.writeHead(302, { location: index }).end();
      return;
    }
    if (path === '/') path = index;
    if (Object.hasOwn(pages, path)) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(pages[path]);
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.txt'] }).end(`not found: ${path}`);
      return;
    }
    if (stat.isDirectory()) {
      // A folder: its index.html, at the address with a final slash (so relative links work).
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
      try {
        stat = statSync(file);
      } catch {
        stat = null;
      }
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'content-type': TYPES['.txt'] }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      ready({ server, port: actual, url: `http://127.0.0.1:${actual}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

// As a command: serve until Ctrl-C.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const root = option('--root', '.');
  const port = Number(option('--port', process.env.PORT ?? 8080));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: the port must be a number from 0 to 65535, not ${option('--port', process.env.PORT)}`);
    process.exit(2);
  }
  startServer({ root, port, index: option('--index', '/index.html') }).then(
    ({ url }) => {
      const index = option('--index', '/index.html');
      console.log(`Serving ${resolve(root)} on 127.0.0.1 (Ctrl-C stops):\n\n  ${url}${index.endsWith('/') ? index : '/'}\n`);
    },
    (error) => {
      console.error(`serve: cannot listen on 127.0.0.1:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use (set PORT=…)' : error.message}`);
      process.exit(2);
    },
  );
}
