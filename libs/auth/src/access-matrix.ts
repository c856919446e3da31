import 'reflect-metadata';
import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { accessRuleOf, type AccessRule } from './access-rule.js';

/** `NONE` marks an operation without a rule: the guard refuses it, and an app's matrix test should flag it. */
export type OperationAccess = AccessRule | { readonly kind: 'NONE' };

export type OperationKind = 'QUERY' | 'MUTATION' | 'SUBSCRIPTION' | 'FIELD' | 'HTTP';

export interface AccessMatrixEntry {
  readonly kind: OperationKind;
  /** `Query.figures`, `Mutation.submitReturn`, `Release.cells` (field resolver), `POST /submissions`. */
  readonly operation: string;
  /** `Class.method`, to find the code. */
  readonly handler: string;
  readonly access: OperationAccess;
}

const rootKinds: Readonly<Record<string, OperationKind>> = {
  Query: 'QUERY',
  Mutation: 'MUTATION',
  Subscription: 'SUBSCRIPTION',
};
const kindOrder: readonly OperationKind[] = ['QUERY', 'MUTATION', 'SUBSCRIPTION', 'FIELD', 'HTTP'];

/**
 * Every GraphQL operation and HTTP route of a running app (or test module) with the roles allowed to call it, read
 * from the same metadata the guard reads. Field resolvers are listed too; the guard only runs on them when the app
 * sets `fieldResolverEnhancers: ['guards']`. Needs AuthModule (which imports DiscoveryModule) in the app.
 */
export function listAccessMatrix(app: INestApplicationContext): AccessMatrixEntry[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const entries = new Map<string, AccessMatrixEntry>();
  const visit = (
    classes: readonly unknown[],
    describe: (type: Function, method: Function) => Omit<AccessMatrixEntry, 'handler' | 'access'> | undefined,
  ) => {
    for (const type of classes) {
      if (typeof type !== 'function' || typeof type.prototype !== 'object' || type.prototype === null) continue;
      for (const methodName of scanner.getAllMethodNames(type.prototype)) {
        const method: unknown = type.prototype[methodName];
        if (typeof method !== 'function') continue;
        const operation = describe(type, method);
        if (operation === undefined) continue;
        const handler = `${type.name}.${methodName}`;
        entries.set(handler, { ...operation, handler, access: accessRuleOf(method, type) ?? { kind: 'NONE' } });
      }
    }
  };
  visit(
    discovery.getProviders().map((wrapper) => wrapper.metatype),
    describeResolverMethod,
  );
  visit(
    discovery.getControllers().map((wrapper) => wrapper.metatype),
    describeRoute,
  );
  return [...entries.values()].sort(
    (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.operation.localeCompare(b.operation),
  );
}

function describeResolverMethod(type: Function, method: Function): Omit<AccessMatrixEntry, 'handler' | 'access'> | undefined {
  const fieldName = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? method.name;
  const rootKind = rootKinds[Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string];
  if (rootKind !== undefined) {
    return { kind: rootKind, operation: `${Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string}.${fieldName}` };
  }
  if (Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method) === true) {
    const parentType = (Reflect.getMetadata(RESOLVER_TYPE_METADATA, type) as string | undefined) ?? type.name;
    return { kind: 'FIELD', operation: `${parentType}.${fieldName}` };
  }
  return undefined;
}

function describeRoute(type: Function, method: Function): Omit<AccessMatrixEntry, 'handler' | 'access'> | undefined {
  const verb = Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod | undefined;
  const path = Reflect.getMetadata(PATH_METADATA, method) as string | string[] | undefined;
  if (verb === undefined || path === undefined) return undefined;
  const prefix = firstPath(Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined);
  const route = [prefix, firstPath(path)].map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '');
  return { kind: 'HTTP', operation: `${RequestMethod[verb]} /${route.join('/')}` };
}

function firstPath(path: string | string[] | undefined): string {
  return (Array.isArray(path) ? path[0] : path) ?? '';
}

/** A plain-text table of the matrix, for `npm run` scripts and review. */
export function formatAccessMatrix(entries: readonly AccessMatrixEntry[]): string {
  const rows = entries.map((entry) => [entry.operation, describeAccess(entry.access), entry.handler]);
  const header = ['operation', 'allowed', 'handler'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function describeAccess(access: OperationAccess): string {
  switch (access.kind) {
    case 'PUBLIC':
      return 'anyone';
    case 'ROLES':
      return access.roles.join(', ');
    case 'NONE':
      return 'NOBODY (no @Roles/@Public)';
  }
}
