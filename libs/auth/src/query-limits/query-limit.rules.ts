import {
  GraphQLError,
  Kind,
  Lexer,
  TokenKind,
  type ASTNode,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { AuthErrorCode } from '../auth.exception.js';
import { validateQueryLimits, type QueryLimitCode, type QueryLimits } from './query-limits.js';
import { SelectionMeasures, type SelectionMeasure } from './selection-measures.js';

/**
 * graphql-js validation rules enforcing `limits`; give them to the server (`validationRules`) so they run after
 * parsing and before execution. Each refusal is a GraphQLError with `extensions.code`, the offending node's location
 * and `extensions.fieldPath` (response keys from the operation root). One error per limit and operation.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  validateQueryLimits(limits);
  const rules: ValidationRule[] = [operationCostRule(limits), listLengthRule(limits.maxListArgumentLength)];
  if (limits.maxTokens !== undefined) rules.push(tokenCountRule(limits.maxTokens));
  return rules;
}

interface Offender {
  readonly node: ASTNode;
  readonly fieldPath: readonly string[];
}

function limitError(code: QueryLimitCode, message: string, offender: Offender, limit: number): GraphQLError {
  return new GraphQLError(message, {
    nodes: [offender.node],
    extensions: { code, limit, fieldPath: offender.fieldPath },
  });
}

function operationCostRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      const operations: OperationDefinitionNode[] = [];
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
        if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
      }
      const measures = new SelectionMeasures(fragments);
      for (const operation of operations) {
        for (const error of costErrors(operation, measures, limits)) context.reportError(error);
      }
      return false;
    },
  });
}

function costErrors(operation: OperationDefinitionNode, measures: SelectionMeasures, limits: QueryLimits): GraphQLError[] {
  const cost = measures.selectionSet(operation.selectionSet);
  const errors: GraphQLError[] = [];
  if (cost.depth > limits.maxDepth) {
    const offender = locate(operation, () => firstTooDeep(operation.selectionSet, measures, limits.maxDepth));
    errors.push(
      limitError(
        AuthErrorCode.QUERY_TOO_DEEP,
        `Query is ${cost.depth} levels deep; the limit is ${limits.maxDepth}`,
        offender,
        limits.maxDepth,
      ),
    );
  }
  if (cost.aliases > limits.maxAliases) {
    const offender = locate(operation, () =>
      firstOverCount(
        operation.selectionSet,
        measures,
        limits.maxAliases,
        (m) => m.aliases,
        (field) => field.alias !== undefined,
      ),
    );
    errors.push(
      limitError(
        AuthErrorCode.TOO_MANY_ALIASES,
        `Query uses ${cost.aliases} aliases; the limit is ${limits.maxAliases}`,
        offender,
        limits.maxAliases,
      ),
    );
  }
  if (cost.fields > limits.maxFields) {
    const offender = locate(operation, () =>
      firstOverCount(
        operation.selectionSet,
        measures,
        limits.maxFields,
        (m) => m.fields,
        () => true,
      ),
    );
    errors.push(
      limitError(
        AuthErrorCode.QUERY_TOO_WIDE,
        `Query selects ${cost.fields} fields; the limit is ${limits.maxFields}`,
        offender,
        limits.maxFields,
      ),
    );
  }
  return errors;
}

/** Finds the offending field; falls back to the operation if the search fails (a cyclic or absurdly chained document). */
function locate(operation: OperationDefinitionNode, search: () => Offender | undefined): Offender {
  try {
    return search() ?? { node: operation, fieldPath: [] };
  } catch (error) {
    if (error instanceof RangeError) return { node: operation, fieldPath: [] };
    throw error;
  }
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/**
 * Descends only into selections whose measured depth exceeds the limit, so the search is linear. The path and the
 * open fragments are mutable stacks (push, recurse, pop): copying them per step would be quadratic on long chains.
 */
function firstTooDeep(root: SelectionSetNode, measures: SelectionMeasures, maxDepth: number): Offender | undefined {
  const fieldPath: string[] = [];
  const openFragments = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, depthAbove: number): Offender | undefined => {
    for (const selection of selectionSet.selections) {
      let found: Offender | undefined;
      if (selection.kind === Kind.FIELD) {
        const depth = depthAbove + 1;
        fieldPath.push(responseKey(selection));
        if (depth > maxDepth) return { node: selection, fieldPath: [...fieldPath] };
        if (selection.selectionSet !== undefined && depth + measures.selectionSet(selection.selectionSet).depth > maxDepth) {
          found = walk(selection.selectionSet, depth);
        }
        fieldPath.pop();
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (depthAbove + measures.selectionSet(selection.selectionSet).depth > maxDepth) found = walk(selection.selectionSet, depthAbove);
      } else {
        const name = selection.name.value;
        const definition = measures.fragmentDefinition(name);
        if (definition !== undefined && !openFragments.has(name) && depthAbove + measures.fragment(name).depth > maxDepth) {
          openFragments.add(name);
          found = walk(definition.selectionSet, depthAbove);
          openFragments.delete(name);
        }
      }
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, 0);
}

/**
 * Walks the expanded operation in document order, counting; skips whole subtrees whose measured count still fits
 * and descends only into the one where the running total crosses the limit.
 */
function firstOverCount(
  root: SelectionSetNode,
  measures: SelectionMeasures,
  limit: number,
  metric: (measure: SelectionMeasure) => number,
  counts: (field: FieldNode) => boolean,
): Offender | undefined {
  let running = 0;
  const fieldPath: string[] = [];
  const openFragments = new Set<string>();
  const descend = (inner: SelectionSetNode): Offender | undefined => {
    const innerCount = metric(measures.selectionSet(inner));
    if (running + innerCount <= limit) {
      running += innerCount;
      return undefined;
    }
    return walk(inner);
  };
  const walk = (selectionSet: SelectionSetNode): Offender | undefined => {
    for (const selection of selectionSet.selections) {
      let found: Offender | undefined;
      if (selection.kind === Kind.FIELD) {
        fieldPath.push(responseKey(selection));
        if (counts(selection)) running += 1;
        if (running > limit) return { node: selection, fieldPath: [...fieldPath] };
        if (selection.selectionSet !== undefined) found = descend(selection.selectionSet);
        fieldPath.pop();
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        found = descend(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const definition = measures.fragmentDefinition(name);
        if (definition !== undefined && !openFragments.has(name)) {
          openFragments.add(name);
          found = descend(definition.selectionSet);
          openFragments.delete(name);
        }
      }
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root);
}

function listLengthRule(maxLength: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    ListValue(node, _key, parent, _path, ancestors) {
      if (node.values.length <= maxLength) return;
      const fieldPath: string[] = [];
      let argument: string | undefined;
      // graphql-js leaves the direct parent out of `ancestors`.
      for (const ancestor of [...ancestors, parent]) {
        if (ancestor === undefined) continue;
        if (Array.isArray(ancestor) || !('kind' in ancestor)) continue;
        const astNode = ancestor as ASTNode;
        if (astNode.kind === Kind.FIELD) fieldPath.push(responseKey(astNode));
        if (astNode.kind === Kind.ARGUMENT || astNode.kind === Kind.OBJECT_FIELD) argument = astNode.name.value;
        if (astNode.kind === Kind.VARIABLE_DEFINITION) argument = `$${astNode.variable.name.value}`;
      }
      const error = limitError(
        AuthErrorCode.LIST_TOO_LONG,
        `List${argument === undefined ? '' : ` in "${argument}"`} has ${node.values.length} items; the limit is ${maxLength}`,
        { node, fieldPath },
        maxLength,
      );
      context.reportError(error);
    },
  });
}

function tokenCountRule(maxTokens: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const source = document.loc?.source;
      if (source === undefined) return false;
      const lexer = new Lexer(source);
      let count = 0;
      for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
        count += 1;
        if (count > maxTokens) {
          context.reportError(
            limitError(
              AuthErrorCode.QUERY_TOO_LARGE,
              `Query has more than ${maxTokens} tokens`,
              { node: document, fieldPath: [] },
              maxTokens,
            ),
          );
          break;
        }
      }
      return false;
    },
  });
}
