import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Cost of a selection set once its fragments are expanded. */
export interface SelectionMeasure {
  readonly depth: number;
  readonly fields: number;
  readonly aliases: number;
}

const NOTHING: SelectionMeasure = { depth: 0, fields: 0, aliases: 0 };

/**
 * Measures selection sets with every fragment measured once, bottom-up. A fragment on a cycle counts as empty where
 * it closes the cycle: graphql's NoFragmentCycles rejects such documents, and this class must terminate without it.
 * Fragment chains are walked with an explicit stack, so a long chain cannot overflow the call stack.
 */
export class SelectionMeasures {
  private readonly ofFragment = new Map<string, SelectionMeasure>();
  private readonly ofSelectionSet = new WeakMap<SelectionSetNode, SelectionMeasure>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {
    this.measureFragmentsBottomUp();
  }

  fragment(name: string): SelectionMeasure {
    return this.ofFragment.get(name) ?? NOTHING;
  }

  fragmentDefinition(name: string): FragmentDefinitionNode | undefined {
    return this.fragments.get(name);
  }

  selectionSet(selectionSet: SelectionSetNode): SelectionMeasure {
    const known = this.ofSelectionSet.get(selectionSet);
    if (known !== undefined) return known;
    let depth = 0;
    let fields = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet === undefined ? NOTHING : this.selectionSet(selection.selectionSet);
        depth = Math.max(depth, 1 + inner.depth);
        fields += 1 + inner.fields;
        aliases += (selection.alias === undefined ? 0 : 1) + inner.aliases;
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT ? this.selectionSet(selection.selectionSet) : this.fragment(selection.name.value);
        depth = Math.max(depth, inner.depth);
        fields += inner.fields;
        aliases += inner.aliases;
      }
    }
    const measure = { depth, fields, aliases };
    this.ofSelectionSet.set(selectionSet, measure);
    return measure;
  }

  private measureFragmentsBottomUp(): void {
    const started = new Set<string>();
    for (const root of this.fragments.keys()) {
      if (started.has(root)) continue;
      started.add(root);
      const stack = [{ name: root, pending: this.spreadsIn(root) }];
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const next = top.pending.pop();
        if (next !== undefined) {
          if (this.fragments.has(next) && !started.has(next)) {
            started.add(next);
            stack.push({ name: next, pending: this.spreadsIn(next) });
          }
          continue;
        }
        stack.pop();
        const definition = this.fragments.get(top.name);
        if (definition !== undefined) this.ofFragment.set(top.name, this.selectionSet(definition.selectionSet));
      }
    }
  }

  private spreadsIn(fragmentName: string): string[] {
    const definition = this.fragments.get(fragmentName);
    const names: string[] = [];
    const sets = definition === undefined ? [] : [definition.selectionSet];
    for (let set = sets.pop(); set !== undefined; set = sets.pop()) {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value);
        else if (selection.selectionSet !== undefined) sets.push(selection.selectionSet);
      }
    }
    return names;
  }
}
