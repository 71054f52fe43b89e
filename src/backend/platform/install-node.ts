/** Imported for its effect: the backend runs on the Node platform (src/index.ts and the CLI import this first). */
import { installPlatform } from './current.ts';
import { nodePlatform } from './node.ts';

installPlatform(nodePlatform);
