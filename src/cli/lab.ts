/**
 * `seedgrad lab`: serves the Optimizer Lab (dist/lab-page/, written by `npm run build`)
 * on 127.0.0.1 and prints its URL; Ctrl-C stops it. The page computes everything in the
 * browser: this server only hands out its files.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { intFlag, parseFlags } from './args.ts';
import { labPage } from '../lab/page.ts';

const help = `Usage: seedgrad lab [--port N] [--open]

Serves the Optimizer Lab on http://127.0.0.1:PORT/ and prints its URL; Ctrl-C stops it.
Everything (landscapes, optimizer states, the convention diff, traces, NeuMF training)
is computed by seedgrad in the browser; the server only sends the page's files.
\`npm run build:lab\` writes the same page as a static folder (lab-dist/) for hosting.

Flags:
  --port N   the port (default 0: any free port)
  --open     also open the page in the default browser (xdg-open, open or start)`;

const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.html': 'text/html; charset=utf-8' };

/** The built page's folder: dist/lab-page beside this file's dist/cli. */
export function labFolder(): string {
  return fileURLToPath(new URL('../lab-page/', import.meta.url));
}

export interface LabServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveLab(folder: string, port: number): Promise<LabServer> {
  const server = createServer(async (request, response) => {
    let path = '/';
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return void response.writeHead(400).end();
    }
    if (request.method !== 'GET') return void response.writeHead(405).end();
    // The page itself comes from src/lab/page.ts (the package ships dist/**/*.js, not .html).
    if (path === '/' || path === '/index.html') return void response.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' }).end(labPage());
    const relative = normalize(path.slice(1));
    if (relative.startsWith('..')) return void response.writeHead(404).end();
    try {
      const body = await readFile(join(folder, relative));
      const type = TYPES[relative.slice(relative.lastIndexOf('.'))] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${port} is in use; pick another with --port, or --port 0 for any free one`) : error));
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the lab server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function openInBrowser(url: string): boolean {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(opener, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`seedgrad lab: could not start ${opener}; open ${url} yourself\n`));
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export const labCommand: Command = {
  name: 'lab',
  summary: 'serve the Optimizer Lab (landscapes, states, conventions, traces, training) on 127.0.0.1',
  help,
  async run(argv) {
    const args = parseFlags('lab', argv, { port: { type: 'string' }, open: { type: 'boolean' } });
    const port = intFlag(args, 'port', 0, 0, 65535);
    const folder = labFolder();
    if (!existsSync(join(folder, 'lab.js'))) throw new UsageError(`the lab's page is not built (${folder} has no lab.js): run \`npm run build\``);
    const server = await serveLab(folder, port);
    process.stdout.write(`seedgrad lab: ${server.url}  (Ctrl-C stops it)\n`);
    if (args.values.open === true && !openInBrowser(server.url)) process.stdout.write(`open ${server.url} in a browser\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
