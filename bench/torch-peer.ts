/**
 * PyTorch as a peer of `npm run bench:peers`: finds a Python that can import torch, runs
 * bench/torch_neumf.py in it, and trains it epoch by epoch on seedgrad's own examples
 * (written to a file per epoch, its path sent on stdin, one JSON line back).
 *   SEEDGRAD_PYTHON   the interpreter to use (default: the first of python3, /usr/bin/python3
 *                     that imports torch)
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TrainingEpoch } from '../src/data/index.ts';

export interface TorchPeerInfo {
  readonly torch: string;
  readonly threads: number;
  /** The BLAS/LAPACK libraries mapped into the process, by real path. */
  readonly blas: readonly string[];
}

export interface TorchPeer {
  readonly python: string;
  readonly info: TorchPeerInfo;
  /** Trains one epoch on `examples`; seconds of training (file reading excluded) and mean loss. */
  epoch(examples: TrainingEpoch): Promise<{ seconds: number; loss: number }>;
  close(): void;
}

/** The first interpreter that imports torch, or null with the reason. */
export function findTorchPython(): { python: string } | { python: null; reason: string } {
  const candidates = process.env.SEEDGRAD_PYTHON ? [process.env.SEEDGRAD_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status === 0) return { python };
  }
  return { python: null, reason: `none of ${candidates.join(', ')} can import torch (Debian: apt-get install python3-torch; or set SEEDGRAD_PYTHON)` };
}

/** Whether the mapped BLAS is the reference implementation (netlib), ~25× slower than OpenBLAS at these shapes. */
export function isReferenceBlas(info: TorchPeerInfo): boolean {
  return info.blas.some((path) => /\/blas\/libblas\.so/.test(path)) && !info.blas.some((path) => /openblas|mkl|blis/i.test(path));
}

export async function startTorchPeer(python: string, users: number, items: number, threads: number): Promise<TorchPeer> {
  const script = join(import.meta.dirname, 'torch_neumf.py');
  // OpenBLAS and OpenMP start one thread per core unless told: hold both to torch's count, so 'one thread' means one.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const child: ChildProcessWithoutNullStreams = spawn(python, [script, String(users), String(items), String(threads)], { env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the PyTorch peer (${python} ${script}) stopped: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
    return JSON.parse(line.value);
  };
  const info = (await next()) as TorchPeerInfo;
  const dir = mkdtempSync(join(tmpdir(), 'seedgrad-torch-peer-'));
  let count = 0;
  return {
    python,
    info,
    async epoch(examples) {
      const n = examples.length;
      const bytes = Buffer.alloc(12 * n);
      bytes.set(new Uint8Array(examples.users.buffer, examples.users.byteOffset, 4 * n), 0);
      bytes.set(new Uint8Array(examples.items.buffer, examples.items.byteOffset, 4 * n), 4 * n);
      bytes.set(new Uint8Array(examples.labels.buffer, examples.labels.byteOffset, 4 * n), 8 * n);
      const file = join(dir, `epoch-${++count}.bin`);
      writeFileSync(file, bytes);
      child.stdin.write(`${file}\n`);
      const result = (await next()) as { seconds: number; loss: number };
      rmSync(file);
      return result;
    },
    close() {
      child.stdin.end();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
