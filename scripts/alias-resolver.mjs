// Node ESM resolve hook: `@app/<lib>` -> dist/libs/<lib>/src/index.js
const distRoot = new URL('../dist/', import.meta.url);
const aliasPattern = /^@app\/([a-z][a-z0-9-]*)$/;

export async function resolve(specifier, context, nextResolve) {
  const match = aliasPattern.exec(specifier);
  if (match) {
    return nextResolve(new URL(`libs/${match[1]}/src/index.js`, distRoot).href, context);
  }
  return nextResolve(specifier, context);
}
