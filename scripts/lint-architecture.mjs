#!/usr/bin/env node
// Architecture rules the compiler cannot see: pure libraries stay free of Nest and databases, libraries never
// import apps, imports between libraries go through #app/ aliases and form no cycle, and no @ts-ignore.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pureLibraries = new Set(['standard', 'disclosure', 'formats', 'crypto', 'common', 'contract']);
const frameworkModules = /^(@nestjs\/|typeorm$|pg$|@electric-sql\/|express$)/;
const problems = [];

function* sourceFiles(directory) {
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const libraryGraph = new Map();

for (const top of ['apps', 'libs', 'scripts', 'test']) {
  for (const file of sourceFiles(join(root, top))) {
    const path = relative(root, file);
    const text = readFileSync(file, 'utf8');
    if (/@ts-ignore/.test(text)) problems.push(`${path}: @ts-ignore is not allowed`);
    const library = path.startsWith('libs/') ? path.split('/')[1] : undefined;
    const isSpec = path.endsWith('.spec.ts');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2];
      if (library) {
        if (specifier.includes('apps/')) problems.push(`${path}: a library must not import an app (${specifier})`);
        if (specifier.startsWith('.')) {
          // A relative import must stay inside its own library; the data standard's schemas/ are its source of truth.
          const target = relative(root, join(dirname(file), specifier));
          if (!target.startsWith(`libs/${library}/`) && !target.startsWith('schemas/')) {
            problems.push(`${path}: import another library through its #app/ alias, not ${specifier}`);
          }
        }
        if (pureLibraries.has(library) && !isSpec && frameworkModules.test(specifier)) {
          problems.push(`${path}: the pure library ${library} must not import ${specifier}`);
        }
        const target = /^#app\/([a-z-]+)$/.exec(specifier)?.[1];
        if (target && target !== library) {
          if (!libraryGraph.has(library)) libraryGraph.set(library, new Set());
          libraryGraph.get(library).add(target);
        }
      }
    }
  }
}

// nest-cli.json lists every library (the Nest CLI and editors read it), and nothing that is not one.
const nestProjects = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')).projects;
const listedLibraries = Object.entries(nestProjects).filter(([, project]) => project.type === 'library');
const libraryDirectories = readdirSync(join(root, 'libs')).filter((entry) => statSync(join(root, 'libs', entry)).isDirectory());
for (const directory of libraryDirectories) {
  if (!listedLibraries.some(([, project]) => project.root === `libs/${directory}`)) problems.push(`nest-cli.json: libs/${directory} is not listed`);
}
for (const [name, project] of listedLibraries) {
  if (!libraryDirectories.includes(project.root.replace(/^libs\//, ''))) problems.push(`nest-cli.json: ${name} has no directory ${project.root}`);
}

// Depth-first search for a cycle in the library dependency graph.
const state = new Map();
function visit(node, trail) {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'active') {
    problems.push(`import cycle between libraries: ${[...trail.slice(trail.indexOf(node)), node].join(' -> ')}`);
    return;
  }
  state.set(node, 'active');
  for (const next of libraryGraph.get(node) ?? []) visit(next, [...trail, node]);
  state.set(node, 'done');
}
for (const node of libraryGraph.keys()) visit(node, []);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`lint-architecture: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint-architecture: ok (${libraryGraph.size} libraries with dependencies, no cycle)`);
