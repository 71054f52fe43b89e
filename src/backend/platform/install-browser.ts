/** Imported for its effect: the backend runs on the browser platform (src/browser.ts imports this first). */
import { installPlatform } from './current.ts';
import { browserPlatform } from './browser.ts';

installPlatform(browserPlatform);
