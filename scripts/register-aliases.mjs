// Maps the `@app/<lib>` path aliases of tsconfig.json onto the compiled libraries in dist/ at run time,
// so compiled apps and scripts import libraries exactly as the sources do.
import { register } from 'node:module';

register('./alias-resolver.mjs', import.meta.url);
