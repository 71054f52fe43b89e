import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.ts';
import { createRatingsParser, type ParsedColumns } from '../../src/data/ratings-parser.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Feeds `text` in chunks of the given sizes (cycled), then ends. */
function parseInChunks(text: string, sizes: readonly number[], expectedBytes?: number): ParsedColumns {
  const parser = createRatingsParser('test.csv', expectedBytes);
  const all = bytes(text);
  for (let at = 0, k = 0; at < all.length; k++) {
    const size = sizes[k % sizes.length];
    parser.write(all.slice(at, at + size));
    at += size;
  }
  return parser.end();
}

const plain = (c: ParsedColumns) => ({ format: c.format, users: [...c.users], items: [...c.items], timestamps: [...c.timestamps] });

describe('createRatingsParser', () => {
  const texts = {
    csv: '\uFEFFuserId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\n7,31,0.5,964982703\r\n',
    dat: '1::31::5::1260759144\n1::1029::3::1260759179\n7::31::4::964982703',
    tsv: '1\t31\t5\t1260759144\n1\t1029\t3\t1260759179\n7\t31\t4\t964982703\n',
  };
  const expected = { users: [1, 1, 7], items: [31, 1029, 31], timestamps: [1260759144, 1260759179, 964982703] };

  it('gives the same rows however the bytes are cut into chunks', () => {
    for (const [format, text] of Object.entries(texts)) {
      for (const sizes of [[text.length + 10], [1], [2], [3, 1, 4, 1, 5, 9, 2, 6], [7]]) {
        expect(plain(parseInChunks(text, sizes)), `${format} in chunks of ${sizes.join(',')}`).toEqual({ format, ...expected });
      }
    }
  });

  it('grows its columns past any reservation, with or without a size hint', () => {
    const rng = createRng('parser-rows');
    const rows = Array.from({ length: 200_000 }, (_, r) => [r % 977, rng.int(50_000), r] as const);
    const text = rows.map(([u, i, t]) => `${u},${i},4.5,${t}`).join('\n');
    for (const hint of [undefined, 10, text.length]) {
      const parsed = parseInChunks(text, [65_536], hint);
      expect(parsed.length).toBe(rows.length);
      expect(parsed.users[123_456]).toBe(rows[123_456][0]);
      expect(parsed.items[199_999]).toBe(rows[199_999][1]);
      expect(parsed.timestamps[77_777]).toBe(77_777);
      expect(parsed.users.length).toBe(rows.length);
    }
  });

  it('numbers lines from 1 across chunks, for its messages', () => {
    expect(() => parseInChunks('1,2,3,4\n5,6,7,8\n9,10,11\n', [3])).toThrow("test.csv:3: expected 4 fields (user, item, rating, timestamp) separated by ',', found 3");
  });
});
