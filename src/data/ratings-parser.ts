/**
 * A streaming, byte-level parser for the three MovieLens ratings formats. It is fed
 * raw chunks as they come off the disk and never holds more than one partial line, so
 * ml-25m's 25 M rows cost only their columns (16 bytes a row), not their text.
 *
 *   ratings.csv  `userId,movieId,rating,timestamp` header, commas  (ml-latest-small, ml-25m, ml-32m)
 *   ratings.dat  `UserID::MovieID::Rating::Timestamp`, no header     (ml-1m, ml-10m)
 *   u.data       `user id \t item id \t rating \t timestamp`, no header (ml-100k)
 *
 * The format is told from the first non-empty line's separator. Every later line must
 * use the same one and have exactly four fields; anything else stops the load with
 * `FILE:LINE: what is wrong`. One exception: a separator at the end of a line, followed
 * by nothing or only spaces and tabs (public copies of ml-100k's u.data have one), is
 * dropped and counted, for the loader's warning. Bytes of the file shown in a message
 * are escaped (`\xNN` for anything but printable ASCII), never echoed raw to a terminal.
 */
import { DataError } from './errors.ts';

export type RatingsFormat = 'csv' | 'dat' | 'tsv';

interface FormatSpec {
  readonly name: RatingsFormat;
  /** The separator's bytes (one or two). */
  readonly separator: readonly number[];
  readonly shown: string;
}

const COMMA = 0x2c;
const COLON = 0x3a;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const TILDE = 0x7e;
const DOT = 0x2e;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const FORMATS: Record<RatingsFormat, FormatSpec> = {
  csv: { name: 'csv', separator: [COMMA], shown: "','" },
  dat: { name: 'dat', separator: [COLON, COLON], shown: "'::'" },
  tsv: { name: 'tsv', separator: [TAB], shown: 'a tab' },
};

/** The header of MovieLens' csv releases; its column order is what we parse. */
const CSV_HEADER = 'userId,movieId,rating,timestamp';
const FIELDS = 4;
const MAX_ID = 2 ** 31 - 1;
/** No MovieLens line comes near this; a longer one means a binary or wrong file. */
const MAX_LINE_BYTES = 4096;
const INITIAL_CAPACITY = 1 << 16;

export interface ParsedColumns {
  readonly format: RatingsFormat;
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly timestamps: Float64Array;
  readonly length: number;
  /** Lines whose trailing separator was dropped, and the first of them (0 when none). */
  readonly trailingSeparators: { readonly lines: number; readonly firstLine: number };
}

/** `bytes` as text for a message: printable ASCII as is, every other byte (and the backslash) as `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= SPACE && b <= TILDE && b !== BACKSLASH ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

export interface RatingsParser {
  /** Parses every complete line in `chunk`, keeping a trailing partial line for later. */
  write(chunk: Uint8Array): void;
  /** Parses the last line (a final newline is optional) and returns the columns. */
  end(): ParsedColumns;
}

/**
 * `file` is used only in error messages. `expectedBytes`, the file's size, lets the
 * parser reserve its columns once from the first chunk's bytes per row, instead of
 * doubling them (which would briefly need 2.5× the final memory on ml-25m).
 */
export function createRatingsParser(file: string, expectedBytes?: number): RatingsParser {
  let format: FormatSpec | undefined;
  let lineNumber = 0;
  let sawHeader = false;
  let pending: Uint8Array = new Uint8Array(0);
  let length = 0;
  let bytesSeen = 0;
  let trailingLines = 0;
  let firstTrailingLine = 0;
  let users = new Int32Array(INITIAL_CAPACITY);
  let items = new Int32Array(INITIAL_CAPACITY);
  let timestamps = new Float64Array(INITIAL_CAPACITY);
  // Start and end of each field of the current line; one slot spare to count extras.
  const fieldStart = new Int32Array(FIELDS + 1);
  const fieldEnd = new Int32Array(FIELDS + 1);

  const fail = (what: string): never => {
    throw new DataError(`${file}:${lineNumber}: ${what}`);
  };

  const text = (bytes: Uint8Array, start: number, end: number): string => {
    const shown = escapeBytes(bytes.subarray(start, start + Math.min(end - start, 60)));
    return end - start > 60 ? `${shown}…` : shown;
  };

  const resize = (capacity: number): void => {
    const nextUsers = new Int32Array(capacity);
    nextUsers.set(users);
    users = nextUsers;
    const nextItems = new Int32Array(capacity);
    nextItems.set(items);
    items = nextItems;
    const nextTimestamps = new Float64Array(capacity);
    nextTimestamps.set(timestamps);
    timestamps = nextTimestamps;
  };

  const detectFormat = (bytes: Uint8Array, start: number, end: number): FormatSpec => {
    for (let p = start; p < end; p++) {
      const c = bytes[p];
      if (c === COLON && p + 1 < end && bytes[p + 1] === COLON) return FORMATS.dat;
      if (c === TAB) return FORMATS.tsv;
      if (c === COMMA) return FORMATS.csv;
    }
    return fail(
      `cannot tell the format: expected fields separated by ',' (ratings.csv), '::' (ratings.dat) or a tab (u.data), got '${text(bytes, start, end)}'`,
    );
  };

  /** Splits [start, end) at the separator; returns the number of fields (counting past 4). */
  const splitFields = (bytes: Uint8Array, start: number, end: number, spec: FormatSpec): number => {
    const first = spec.separator[0];
    const width = spec.separator.length;
    let count = 0;
    let from = start;
    for (let p = start; p < end; p++) {
      if (bytes[p] !== first || (width === 2 && (p + 1 >= end || bytes[p + 1] !== spec.separator[1]))) continue;
      if (count < FIELDS) {
        fieldStart[count] = from;
        fieldEnd[count] = p;
      }
      count++;
      p += width - 1;
      from = p + 1;
    }
    if (count < FIELDS) {
      fieldStart[count] = from;
      fieldEnd[count] = end;
    }
    return count + 1;
  };

  /** The digits in [start, end) as a number; -1 if empty or not all digits, -2 if over 2^53. */
  const parseDigits = (bytes: Uint8Array, start: number, end: number): number => {
    if (start === end) return -1;
    if (end - start > 16) {
      for (let p = start; p < end; p++) if (bytes[p] < DIGIT_0 || bytes[p] > DIGIT_9) return -1;
      return -2;
    }
    let value = 0;
    for (let p = start; p < end; p++) {
      const c = bytes[p];
      if (c < DIGIT_0 || c > DIGIT_9) return -1;
      value = value * 10 + (c - DIGIT_0);
    }
    return value <= Number.MAX_SAFE_INTEGER ? value : -2;
  };

  /** A decimal number such as `4`, `3.5` or `-1.0`: its value is never used (step 1). */
  const isDecimal = (bytes: Uint8Array, start: number, end: number): boolean => {
    let p = start < end && bytes[start] === MINUS ? start + 1 : start;
    let digits = 0;
    let dots = 0;
    for (; p < end; p++) {
      const c = bytes[p];
      if (c === DOT) dots++;
      else if (c >= DIGIT_0 && c <= DIGIT_9) digits++;
      else return false;
    }
    return digits > 0 && dots <= 1;
  };

  const parseId = (bytes: Uint8Array, field: number, name: string): number => {
    const value = parseDigits(bytes, fieldStart[field], fieldEnd[field]);
    if (value >= 0 && value <= MAX_ID) return value;
    const shown = text(bytes, fieldStart[field], fieldEnd[field]);
    return fail(value === -1 ? `${name} '${shown}' is not a non-negative integer` : `${name} '${shown}' is larger than ${MAX_ID}`);
  };

  /** The line's end without a trailing separator and the spaces or tabs after it; `end` itself when there is none. */
  const withoutTrailingSeparator = (bytes: Uint8Array, start: number, end: number, spec: FormatSpec): number => {
    let e = end;
    while (e > start && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
    if (spec.name === 'tsv') return e < end && bytes.subarray(e, end).includes(TAB) ? e : end;
    const width = spec.separator.length;
    if (e - start < width) return end;
    for (let k = 0; k < width; k++) if (bytes[e - width + k] !== spec.separator[k]) return end;
    return e - width;
  };

  const isCsvHeader = (bytes: Uint8Array, start: number, end: number): boolean =>
    text(bytes, start, end).toLowerCase() === CSV_HEADER.toLowerCase();

  const parseLine = (bytes: Uint8Array, start: number, end: number): void => {
    lineNumber++;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    if (lineNumber === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) {
      start += 3; // UTF-8 byte-order mark
    }
    if (start === end) return; // blank lines carry nothing
    format ??= detectFormat(bytes, start, end);
    const first = bytes[start];
    if (length === 0 && !sawHeader && format.name === 'csv' && (first < DIGIT_0 || first > DIGIT_9)) {
      // Only csv files have a header, and only before the first row.
      if (!isCsvHeader(bytes, start, end)) fail(`unexpected header '${text(bytes, start, end)}'; expected '${CSV_HEADER}'`);
      sawHeader = true;
      return;
    }
    const cut = withoutTrailingSeparator(bytes, start, end, format);
    let count = splitFields(bytes, start, cut, format);
    if (cut !== end) {
      // Dropping the separator helps only a line that then has four fields; any other is judged as it stands.
      if (count === FIELDS && trailingLines++ === 0) firstTrailingLine = lineNumber;
      if (count !== FIELDS) count = splitFields(bytes, start, end, format);
    }
    if (count !== FIELDS) {
      fail(`expected ${FIELDS} fields (user, item, rating, timestamp) separated by ${format.shown}, found ${count}`);
    }
    const user = parseId(bytes, 0, 'user id');
    const item = parseId(bytes, 1, 'item id');
    if (!isDecimal(bytes, fieldStart[2], fieldEnd[2])) fail(`rating '${text(bytes, fieldStart[2], fieldEnd[2])}' is not a number`);
    const timestamp = parseDigits(bytes, fieldStart[3], fieldEnd[3]);
    if (timestamp < 0) {
      fail(`bad timestamp '${text(bytes, fieldStart[3], fieldEnd[3])}': expected whole seconds since 1970, a non-negative integer`);
    }
    if (length === users.length) resize(Math.ceil(users.length * 1.5));
    users[length] = user;
    items[length] = item;
    timestamps[length] = timestamp;
    length++;
  };

  return {
    write(chunk) {
      let bytes = chunk;
      if (pending.length > 0) {
        bytes = new Uint8Array(pending.length + chunk.length);
        bytes.set(pending);
        bytes.set(chunk, pending.length);
      }
      let start = 0;
      for (let newline = bytes.indexOf(NEWLINE); newline >= 0; newline = bytes.indexOf(NEWLINE, start)) {
        parseLine(bytes, start, newline);
        start = newline + 1;
      }
      pending = bytes.subarray(start);
      const firstChunk = bytesSeen === 0;
      bytesSeen += chunk.length;
      if (firstChunk && expectedBytes !== undefined && length > 0) {
        // 5% spare for lines longer than the first chunk's; a short reserve just grows.
        const estimatedRows = Math.ceil(((expectedBytes * length) / (bytesSeen - pending.length)) * 1.05);
        if (estimatedRows > users.length) resize(estimatedRows);
      }
      if (pending.length > MAX_LINE_BYTES) {
        lineNumber++;
        fail(`line longer than ${MAX_LINE_BYTES} bytes: not a ratings file`);
      }
    },
    end() {
      if (pending.length > 0) parseLine(pending, 0, pending.length);
      pending = new Uint8Array(0);
      // Views when the spare is small (no copy at the peak), copies when it is not.
      const trim = <T extends Int32Array | Float64Array>(column: T): T =>
        (column.length - length <= column.length / 8 ? column.subarray(0, length) : column.slice(0, length)) as T;
      return { format: format?.name ?? 'csv', users: trim(users), items: trim(items), timestamps: trim(timestamps), length, trailingSeparators: { lines: trailingLines, firstLine: firstTrailingLine } };
    },
  };
}
