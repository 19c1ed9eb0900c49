// Nothing for rolegate. The tracing root is this folder (the repository around it has a lockfile
// of its own, which Next.js would otherwise take for the workspace's).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export default { outputFileTracingRoot: dirname(fileURLToPath(import.meta.url)) };
