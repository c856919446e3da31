import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import { queryLimitRules } from './query-limit.rules.js';
import { AuthErrorCode } from '../auth.exception.js';
import { validateQueryLimits, type QueryLimits } from './query-limits.js';

/**
 * Lists passed as variables are invisible to validation rules (they see the document, not the values), so this
 * plugin checks them once the operation is known and before execution starts.
 */
export function variableListLimitPlugin(maxListLength: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const offender = firstLongList(request.variables ?? {}, maxListLength);
          if (offender === undefined) return;
          throw new GraphQLError(
            `Variable list at $${offender.path.join('.')} has ${offender.length} items; the limit is ${maxListLength}`,
            { extensions: { code: AuthErrorCode.LIST_TOO_LONG, limit: maxListLength, variablePath: offender.path, http: { status: 400 } } },
          );
        },
      };
    },
  };
}

/**
 * Depth-first, with an explicit stack, over plain JSON values. Each entry links to its parent instead of carrying a
 * copy of its path, so a deeply nested value costs linear time (copying paths made 100 000 levels take minutes); the
 * path is built for the offender only.
 */
export function firstLongList(
  variables: Readonly<Record<string, unknown>>,
  maxLength: number,
): { readonly path: readonly (string | number)[]; readonly length: number } | undefined {
  interface Entry {
    readonly value: unknown;
    readonly key: string | number;
    readonly parent: Entry | undefined;
  }
  const pathOf = (entry: Entry): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Entry | undefined = entry; at !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Entry[] = Object.entries(variables).map(([name, value]) => ({ value, key: name, parent: undefined }));
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value } = item;
    if (Array.isArray(value)) {
      if (value.length > maxLength) return { path: pathOf(item), length: value.length };
      value.forEach((element, index) => pending.push({ value: element, key: index, parent: item }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, element] of Object.entries(value)) pending.push({ value: element, key, parent: item });
    }
  }
  return undefined;
}

/**
 * Everything the Apollo driver needs to enforce `limits`, to spread into `GraphQLModule.forRoot({...})`:
 * the validation rules, the parser's token cap (so a huge document stops parsing early) and the variables plugin.
 * Merge `plugins` yourself if the app has others.
 */
export function apolloQueryLimitOptions(limits: QueryLimits): {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<BaseContext>[];
} {
  validateQueryLimits(limits);
  return {
    validationRules: queryLimitRules(limits),
    parseOptions: limits.maxTokens === undefined ? {} : { maxTokens: limits.maxTokens },
    plugins: [variableListLimitPlugin(limits.maxListArgumentLength)],
  };
}
