/** `seedgrad lab`: serves the built page on 127.0.0.1, prints its URL, stops on SIGINT. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const bin = join(repo, 'bin', 'seedgrad');

describe('seedgrad lab', () => {
  it('prints the URL of the page on 127.0.0.1, serves index.html and lab.js, and stops on Ctrl-C', async () => {
    expect(existsSync(join(repo, 'dist', 'lab-page', 'index.html')), 'run npm run build').toBe(true);
    const child = spawn(process.execPath, [bin, 'lab', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^seedgrad lab: (http:\/\/127\.0\.0\.1:\d+\/) {2}\(Ctrl-C stops it\)\n/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="./lab.js">');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${url}lab.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${url}../package.json`)).status).toBe(404);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('refuses a bad port in one line', () => {
    const r = spawnSync(process.execPath, [bin, 'lab', '--port', '70000'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("seedgrad lab: --port must be an integer in [0, 65535], got '70000'\n");
  });

  it('npm run build:lab\'s script writes the page as a static folder that fetches nothing from elsewhere', () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-build-'));
    try {
      const r = spawnSync(process.execPath, [join(repo, 'scripts', 'build-lab.mjs'), out], { cwd: repo, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['browser-host-thread.js', 'browser-host-thread.js.map', 'browser-kernel-thread.js', 'browser-kernel-thread.js.map', 'index.html', 'lab.js', 'lab.js.map', 'train-worker.js', 'train-worker.js.map']);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      expect(html).toContain('<script type="module" src="./lab.js"></script>');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      // The bundles import nothing: every module is inside.
      expect(readFileSync(join(out, 'lab.js'), 'utf8')).not.toMatch(/^import .* from ['"]/m);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
