// Paths for tests: the repository root, its schemas, and the third-party data it carries (data/third-party).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const schemasDir = path.join(repoRoot, 'schemas');
export const thirdPartyDataDir = path.join(repoRoot, 'data', 'third-party');
