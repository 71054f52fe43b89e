/**
 * A Trace input in the Lab's link: the JSON text compressed with DEFLATE (raw, RFC 1951,
 * the platform's CompressionStream) and written in base64url (RFC 4648 §5), so a link
 * reproduces a trace. Links longer than MAX_TRACE_LINK characters are refused (the panel
 * says so beside the input): past a few tens of kilobytes links break in mail and chat.
 */
export const MAX_TRACE_LINK = 16_000;

async function through(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function compressTrace(text: string): Promise<string> {
  return toBase64Url(await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/** The text of a link's trace; throws a one-line Error where the token is not one. */
export async function decompressTrace(token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('it is not base64url text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await through(fromBase64Url(token), new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error('it is not a compressed trace input (was the link cut short?)');
  }
}
