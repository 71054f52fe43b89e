/** The code blocks of one README section, so that tests run the examples as written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readme = join(import.meta.dirname, '..', '..', 'README.md');

/** The ```lang blocks under the `## heading` section of README.md, in order. */
export function readmeBlocks(heading: string, lang: string): string[] {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${heading}'`);
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}
