import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ERROR_MESSAGES } from '@zipin/shared';

/**
 * Refuses queries nested deeper than maxDepth or whose cost (fields, multiplied by the
 * `first`/`limit` argument of lists) exceeds maxCost, before any resolver runs.
 */
export function queryLimits(limits: { maxDepth: number; maxCost: number }) {
  return [
    (context: ValidationContext): ASTVisitor => ({
      Document: {
        leave(document) {
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          for (const def of document.definitions) {
            if (def.kind !== Kind.OPERATION_DEFINITION) continue;
            const { depth, cost } = measure(def.selectionSet, fragments, 0, new Set());
            if (depth > limits.maxDepth || cost > limits.maxCost) {
              context.reportError(
                new GraphQLError(`${ERROR_MESSAGES.QUERY_TOO_COMPLEX.zh}（深度 ${depth}，成本 ${cost}）`, {
                  extensions: { code: 'QUERY_TOO_COMPLEX' },
                }),
              );
            }
          }
        },
      },
    }),
  ];
}

function measure(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): { depth: number; cost: number } {
  let maxDepth = depth;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      cost += 1;
      if (sel.selectionSet) {
        const limitArg = sel.arguments?.find((a) => ['first', 'limit', 'take'].includes(a.name.value));
        const multiplier = limitArg?.value.kind === Kind.INT ? Math.max(1, Number(limitArg.value.value)) : 1;
        const inner = measure(sel.selectionSet, fragments, depth + 1, seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += multiplier * inner.cost;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(sel.selectionSet, fragments, depth, seen);
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      const inner = measure(fragment.selectionSet, fragments, depth, new Set([...seen, name]));
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth: maxDepth, cost };
}
