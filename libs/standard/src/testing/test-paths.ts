// Paths for tests: the repository root, its schemas, and the shared third-party data beside the checkout.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const schemasDir = path.join(repoRoot, 'schemas');
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
