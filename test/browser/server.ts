/** A static server on 127.0.0.1 for the browser tests: the built bundle, the scenarios, gpu.js's browser bundle. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html', '.json': 'application/json' };

/** URL path prefix → folder of the repository it serves. */
const ROUTES: Readonly<Record<string, string>> = { '/dist/': 'dist', '/test/browser/': 'test/browser', '/gpu.js/': 'node_modules/gpu.js/dist' };

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>seedgrad browser tests</title></head><body></body></html>';

/**
 * Every response but the plain page '/' carries the headers of a cross-origin isolated
 * document, so '/isolated.html' (and the workers it starts) get shared memory while '/'
 * stays an ordinary page without it.
 */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' };

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** A page or script made by the test itself, served from memory. */
export interface Made {
  readonly type: string;
  readonly body: string;
}

export async function serveStatic(repo: string, made: Readonly<Record<string, Made>> = {}): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/isolated.html') return void response.writeHead(200, { 'content-type': 'text/html', ...ISOLATION }).end(PAGE);
    const page = made[path];
    if (page !== undefined) return void response.writeHead(200, { 'content-type': page.type, ...ISOLATION }).end(page.body);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    const prefix = Object.keys(ROUTES).find((p) => path.startsWith(p));
    const relative = prefix === undefined ? null : normalize(path.slice(prefix.length));
    if (prefix === undefined || relative === null || relative.startsWith('..')) return void response.writeHead(404).end();
    try {
      const body = await readFile(join(repo, ROUTES[prefix]!, relative));
      const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, ...ISOLATION }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
