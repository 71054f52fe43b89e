/** Every test file runs on the Node platform, as the CLI and `import 'seedgrad'` in Node do. */
import '../../src/backend/platform/install-node.ts';
