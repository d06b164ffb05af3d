import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
  type OperationDefinitionNode,
} from 'graphql';

import { DEFAULT_PAGE_SIZE } from './connection.js';

/**
 * Refuses operations whose estimated cost exceeds `maxCost`: every field costs one, multiplied by
 * the page sizes (`first`, or the default page size when it is a variable) of the paginated lists
 * around it. Unpaginated lists are small by design (environments, diffs); depth is limited separately.
 */
export function complexityLimitRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) {
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      }
      const cost = selectionCost(operation.selectionSet, fragments, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`Query is too complex: cost ${cost} exceeds ${maxCost}; ask for smaller pages`, {
            nodes: [operation],
          }),
        );
      }
    },
  });
}

function selectionCost(
  set: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!set) return 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const first = selection.arguments?.find((a) => a.name.value === 'first');
      const size = !first ? 1 : first.value.kind === Kind.INT ? Number(first.value.value) : DEFAULT_PAGE_SIZE;
      const inner = selectionCost(selection.selectionSet, fragments, visiting);
      cost += 1 + (selection.selectionSet ? Math.max(1, size) * inner : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      cost += selectionCost(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
  }
  return cost;
}
