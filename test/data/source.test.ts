import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveDataSource } from '../../src/data/source.ts';
import { writeFixture } from './fixtures.ts';

describe('resolveDataSource', () => {
  it("gives the default synthetic dataset for no spec and for 'synthetic'", async () => {
    const expected = 'synthetic(users=1000,items=2000,interactions=50000,rank=8,seed=0)';
    expect((await resolveDataSource(undefined)).source).toBe(expected);
    expect((await resolveDataSource('synthetic')).source).toBe(expected);
  });

  it('generates synthetic data of the size a synthetic:key=value spec gives, and checks the spec first', async () => {
    const raw = await resolveDataSource('synthetic:users=30,items=10,interactions=100,rank=2,seed=1');
    expect(raw.source).toBe('synthetic(users=30,items=10,interactions=100,rank=2,seed=1)');
    expect(raw.length).toBe(100);
    await expect(resolveDataSource('synthetic:users=30,items=10,interactions=1000')).rejects.toThrow("synthetic option 'interactions' must be an integer in [60, 150], got 1000");
  });

  it('loads a ratings file by path', async () => {
    const file = writeFixture('u.data', '1\t2\t3\t4\n');
    const raw = await resolveDataSource(file);
    expect(raw.source).toBe(file);
    expect(raw.length).toBe(1);
  });

  it('names a path that does not exist, and what it could have been', async () => {
    const missing = join(tmpdir(), 'seedgrad-missing-data');
    await expect(resolveDataSource(missing)).rejects.toThrow(
      `data source '${missing}' does not exist: give a ratings file, a MovieLens folder, 'synthetic' or 'synthetic:key=value,...'`,
    );
  });
});
