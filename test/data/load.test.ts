import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInteractions, resolveRatingsFile, sha256OfFile } from '../../src/data/load.ts';
import { columns, writeFixture } from './fixtures.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const EXPECTED = { users: [1, 1, 7], items: [31, 1029, 31], timestamps: [1260759144, 1260759179, 964982703] };

describe('loadInteractions', () => {
  it('reads ratings.csv: header, commas, CRLF line ends, ratings ignored', async () => {
    const file = writeFixture('ratings.csv', 'userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\n7,31,0.5,964982703\r\n');
    const raw = await loadInteractions(file);
    expect(columns(raw)).toEqual(EXPECTED);
    expect(raw.length).toBe(3);
    expect(raw.source).toBe(file);
  });

  it('reads a csv without a header, and without a final newline', async () => {
    const raw = await loadInteractions(writeFixture('r.csv', '1,31,2.5,1260759144\n1,1029,3,1260759179\n7,31,5,964982703'));
    expect(columns(raw)).toEqual(EXPECTED);
  });

  it("reads ratings.dat (ml-1m, ml-10m): '::' separators, no header", async () => {
    const raw = await loadInteractions(writeFixture('ratings.dat', '1::31::5::1260759144\n1::1029::3::1260759179\n7::31::4::964982703\n'));
    expect(columns(raw)).toEqual(EXPECTED);
  });

  it('reads u.data (ml-100k): tabs, no header', async () => {
    const raw = await loadInteractions(writeFixture('u.data', '1\t31\t5\t1260759144\n1\t1029\t3\t1260759179\n7\t31\t4\t964982703\n'));
    expect(columns(raw)).toEqual(EXPECTED);
  });

  it('tells the format from the content, not the file name', async () => {
    const raw = await loadInteractions(writeFixture('ratings.csv', '1::31::5::1260759144\n1::1029::3::1260759179\n7::31::4::964982703\n'));
    expect(columns(raw)).toEqual(EXPECTED);
  });

  it('skips blank lines but still counts them in line numbers', async () => {
    const file = writeFixture('ratings.csv', 'userId,movieId,rating,timestamp\n\n1,31,2.5,1260759144\n\n1,x,3,1\n');
    await expect(loadInteractions(file)).rejects.toThrow(`${file}:5: item id 'x' is not a non-negative integer`);
  });

  it('finds the ratings file inside a MovieLens folder, whichever layout', async () => {
    for (const [name, body] of [
      ['ml-latest-small/ratings.csv', 'userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n7,31,0.5,964982703\n'],
      ['ml-1m/ratings.dat', '1::31::5::1260759144\n1::1029::3::1260759179\n7::31::4::964982703\n'],
      ['ml-100k/u.data', '1\t31\t5\t1260759144\n1\t1029\t3\t1260759179\n7\t31\t4\t964982703\n'],
    ] as const) {
      const file = writeFixture(name, body);
      writeFileSync(join(dirname(file), 'README.txt'), 'not ratings');
      expect(await resolveRatingsFile(dirname(file))).toBe(file);
      const raw = await loadInteractions(dirname(file));
      expect(columns(raw)).toEqual(EXPECTED);
      expect(raw.source).toBe(file);
    }
  });

  it('says what it looked for in a folder without a ratings file', async () => {
    const folder = tempDir('data');
    await expect(loadInteractions(folder)).rejects.toThrow(`${folder}: a folder without a ratings file (looked for ratings.csv, ratings.dat, u.data)`);
  });

  it('names a path that does not exist', async () => {
    const missing = join(tmpdir(), 'seedgrad-no-such-folder', 'ratings.csv');
    await expect(loadInteractions(missing)).rejects.toThrow(`${missing}: no such file or folder`);
  });
});

describe('loadInteractions on bad input stops at FILE:LINE', () => {
  const header = 'userId,movieId,rating,timestamp\n';
  const cases: Array<[string, string, string, string]> = [
    // [what, file name, content, expected message after `FILE:`]
    ['a missing field', 'ratings.csv', `${header}1,31,2.5,1260759144\n1,1029,1260759179\n`, "3: expected 4 fields (user, item, rating, timestamp) separated by ',', found 3"],
    ['an extra field', 'ratings.csv', `${header}1,31,2.5,1260759144,9\n`, "2: expected 4 fields (user, item, rating, timestamp) separated by ',', found 5"],
    ['a non-numeric user id', 'ratings.csv', `${header}1,31,2.5,1260759144\nabc,31,2.5,1260759144\n`, "3: user id 'abc' is not a non-negative integer"],
    ['a negative item id', 'ratings.dat', '1::-31::5::1260759144\n', "1: item id '-31' is not a non-negative integer"],
    ['an id beyond Int32', 'u.data', '1\t31\t5\t1\n2147483648\t31\t5\t1\n', "2: user id '2147483648' is larger than 2147483647"],
    ['a fractional timestamp', 'ratings.csv', `${header}1,31,2.5,12607.5\n`, "2: bad timestamp '12607.5': expected whole seconds since 1970, a non-negative integer"],
    ['an empty timestamp', 'ratings.csv', `${header}1,31,2.5,\n`, "2: bad timestamp '': expected whole seconds since 1970, a non-negative integer"],
    ['a rating that is not a number', 'ratings.csv', `${header}1,31,good,1260759144\n`, "2: rating 'good' is not a number"],
    ['a csv line in a ratings.dat', 'ratings.dat', '1::31::5::1260759144\n1,31,5,1260759144\n', "2: expected 4 fields (user, item, rating, timestamp) separated by '::', found 1"],
    ['a tab-separated line among commas', 'ratings.csv', '1,31,5,1260759144\n1\t31\t5\t1260759144\n', "2: expected 4 fields (user, item, rating, timestamp) separated by ',', found 1"],
    ['an unknown header', 'ratings.csv', 'movieId,userId,rating,timestamp\n31,1,5,1260759144\n', "1: unexpected header 'movieId,userId,rating,timestamp'; expected 'userId,movieId,rating,timestamp'"],
    ['no separator at all', 'ratings.csv', 'hello world\n', "1: cannot tell the format: expected fields separated by ',' (ratings.csv), '::' (ratings.dat) or a tab (u.data), got 'hello world'"],
  ];
  for (const [what, name, content, message] of cases) {
    it(`rejects ${what}`, async () => {
      const file = writeFixture(name, content);
      await expect(loadInteractions(file)).rejects.toThrow(`${file}:${message}`);
    });
  }

  it('rejects an empty file, and a file that holds only a header', async () => {
    for (const content of ['', '\n', 'userId,movieId,rating,timestamp\n']) {
      const file = writeFixture('ratings.csv', content);
      await expect(loadInteractions(file)).rejects.toThrow(`${file}: no ratings in the file (it is empty or holds only a header)`);
    }
  });

  it('rejects a binary file without reading it all into one line', async () => {
    const file = writeFixture('ratings.csv', new Uint8Array(100_000).fill(0x41));
    await expect(loadInteractions(file)).rejects.toThrow(`${file}:1: line longer than 4096 bytes: not a ratings file`);
  });
});

describe('sha256OfFile', () => {
  it('hashes the file, or the ratings file of a folder', async () => {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    const file = writeFixture('ml-x/ratings.dat', 'abc');
    expect(await sha256OfFile(file)).toBe(abc);
    expect(await sha256OfFile(dirname(file))).toBe(abc);
  });
});

describe('loadInteractions and a trailing separator (issue 16 item 3)', () => {
  const cases: Array<[string, string]> = [
    ['u.data', '0\t31\t5\t1260759144\n1\t1029\t3\t1260759179\t\n7\t31\t4\t964982703\t  \n'],
    ['ratings.csv', 'userId,movieId,rating,timestamp\n0,31,5,1260759144\n1,1029,3,1260759179,\n7,31,4,964982703, \n'],
    ['ratings.dat', '0::31::5::1260759144\n1::1029::3::1260759179::\n7::31::4::964982703::\t\n'],
  ];
  for (const [name, content] of cases) {
    it(`accepts ${name} lines that end with the separator, with one warning that counts them; user 0 included`, async () => {
      const warnings: string[] = [];
      const file = writeFixture(name, content);
      const raw = await loadInteractions(file, { onWarning: (line) => warnings.push(line) });
      expect(columns(raw)).toEqual({ users: [0, 1, 7], items: [31, 1029, 31], timestamps: [1260759144, 1260759179, 964982703] });
      expect(warnings).toEqual([`${file}: 2 lines end with a trailing separator (first: line ${name === 'ratings.csv' ? 3 : 2}); it was ignored`]);
    });
  }

  it('gives no warning for a clean file', async () => {
    const warnings: string[] = [];
    await loadInteractions(writeFixture('u.data', '1\t31\t5\t1\n'), { onWarning: (line) => warnings.push(line) });
    expect(warnings).toEqual([]);
  });

  it('still refuses an extra field after the trailing separator, or two separators', async () => {
    for (const [name, content, found] of [
      ['u.data', '1\t31\t5\t1\n2\t31\t5\t1\t9\n', 5],
      ['u.data', '1\t31\t5\t1\n2\t31\t5\t1\t\t9\n', 6],
      ["ratings.csv", "1,31,5,1\n2,31,5,1,,\n", 6],
    ] as const) {
      const file = writeFixture(name, content);
      await expect(loadInteractions(file, { onWarning: () => {} })).rejects.toThrow(`${file}:2: expected 4 fields (user, item, rating, timestamp) separated by ${name === 'u.data' ? 'a tab' : "','"}, found ${found}`);
    }
  });
});

describe('loadInteractions never echoes raw bytes (issue 20)', () => {
  it('escapes control and non-ASCII bytes of a bad field as \\xNN', async () => {
    const file = writeFixture('ratings.csv', new Uint8Array([...new TextEncoder().encode('1,31,5,1\n'), 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0x07, 0x2c, 0x33, 0x2c, 0x35, 0x2c, 0x31, 0x0a]));
    await expect(loadInteractions(file)).rejects.toThrow(`${file}:2: user id '\\x1b[2J\\xff\\x07' is not a non-negative integer`);
  });

  it('escapes them in a file whose format cannot be told', async () => {
    const file = writeFixture('ratings.csv', new Uint8Array([0x1b, 0x5d, 0x30, 0x3b, 0x78, 0x07, 0x80, 0x41, 0x0a]));
    await expect(loadInteractions(file)).rejects.toThrow(/:1: cannot tell the format: .* got '\\x1b\]0;x\\x07\\x80A'$/);
  });
});
