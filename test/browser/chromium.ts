/**
 * Headless Chromium for the browser tests: Debian's `chromium` package (`.ci/run`
 * installs it where it is missing), driven by playwright-core, which downloads nothing.
 * SwiftShader gives gpu.js a WebGL2 context and a WebGPU adapter without a GPU.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.SEEDGRAD_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary, or null where none is installed. */
export function chromiumPath(): string | null {
  return CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // WebGPU on SwiftShader's Vulkan: a software adapter (vendor google, architecture swiftshader).
      '--enable-unsafe-webgpu',
      '--enable-features=Vulkan',
      '--use-webgpu-adapter=swiftshader',
    ],
  });
}
