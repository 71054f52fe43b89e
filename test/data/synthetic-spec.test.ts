import { describe, expect, it } from 'vitest';
import { isSyntheticSpec, parseSyntheticSpec } from '../../src/data/synthetic-spec.ts';

describe('parseSyntheticSpec', () => {
  it("reads 'synthetic' as the defaults and synthetic:key=value,... as options", () => {
    expect(parseSyntheticSpec('synthetic')).toEqual({});
    expect(parseSyntheticSpec('synthetic:users=35000,items=20000,interactions=5000000,rank=4,seed=3')).toEqual({ users: 35_000, items: 20_000, interactions: 5_000_000, rank: 4, seed: 3 });
    expect(parseSyntheticSpec('synthetic:users=35_000,items=2e4,interactions=5e6')).toEqual({ users: 35_000, items: 20_000, interactions: 5_000_000 });
    expect(parseSyntheticSpec('synthetic:seed=7')).toEqual({ seed: 7 });
  });

  it('tells synthetic specs from paths', () => {
    expect(isSyntheticSpec('synthetic')).toBe(true);
    expect(isSyntheticSpec('synthetic:users=10')).toBe(true);
    expect(isSyntheticSpec('synthetic-data/ratings.csv')).toBe(false);
    expect(isSyntheticSpec('../shared/data/ml-latest-small')).toBe(false);
  });

  it('names an unknown key, a bad number or a value out of range, with the allowed range, in one line', () => {
    const cases: [string, string][] = [
      ['synthetic:user=5', "data 'synthetic:user=5': unknown synthetic option 'user'; allowed: users, items, interactions, rank, seed"],
      ['synthetic:users=abc', "data 'synthetic:users=abc': synthetic option 'users' must be an integer in [1, 1000000], got 'abc'"],
      ['synthetic:rank=1.5', "data 'synthetic:rank=1.5': synthetic option 'rank' must be an integer in [1, 64], got '1.5'"],
      ['synthetic:users=10,items=8,interactions=-3', "data 'synthetic:users=10,items=8,interactions=-3': synthetic option 'interactions' must be an integer in [20, 40], got '-3'"],
      ['synthetic:users=10,items=8,interactions=41', "data 'synthetic:users=10,items=8,interactions=41': synthetic option 'interactions' must be an integer in [20, 40], got 41"],
      ['synthetic:users=0', "data 'synthetic:users=0': synthetic option 'users' must be an integer in [1, 1000000], got 0"],
      ['synthetic:users=1000000,items=1000000', "data 'synthetic:users=1000000,items=1000000': synthetic options 'users' × 'items' must be at most 10000000000, got 1000000 × 1000000"],
      ['synthetic:seed=1,seed=2', "data 'synthetic:seed=1,seed=2': synthetic option 'seed' is given twice"],
      ['synthetic:users', "data 'synthetic:users': 'users' is not key=value (keys: users, items, interactions, rank, seed)"],
      ['synthetic:', "data 'synthetic:': give key=value pairs after 'synthetic:' (keys: users, items, interactions, rank, seed)"],
    ];
    for (const [spec, message] of cases) {
      expect(() => parseSyntheticSpec(spec)).toThrow(message);
      try {
        parseSyntheticSpec(spec);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
        expect((error as Error).name).toBe('DataError');
      }
    }
  });
});
