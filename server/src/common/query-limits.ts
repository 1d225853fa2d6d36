import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ERROR_MESSAGES } from '@zipin/shared';

/** Arguments that size a list; the server never returns more than MAX_PAGE rows for one. */
const LIST_SIZE_ARGS = ['first', 'limit', 'take'] as const;
const MAX_PAGE = 200;

/**
 * A field costs 1 plus its children, times the page size it asks for. The size is read from
 * the coerced arguments, so a literal, a variable and a schema default all count the same.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = LIST_SIZE_ARGS.map((k) => args[k]).find((v): v is number => typeof v === 'number');
  if (size === undefined) return undefined;
  return 1 + childComplexity * Math.min(Math.max(1, size), MAX_PAGE);
};

/**
 * Refuses an operation nested deeper than maxDepth or costing more than maxCost, before any
 * resolver runs. It runs once the operation and its variables are known (graphql-query-complexity
 * over the resolved operation), so `first: $n` costs what $n says, aliases each cost their own,
 * and fragments count once per use.
 */
export function queryLimitsPlugin(limits: { maxDepth: number; maxCost: number }): ApolloServerPlugin {
  const refuse = (detail: string, details: Record<string, number>) =>
    new GraphQLError(`${ERROR_MESSAGES.QUERY_TOO_COMPLEX.zh}（${detail}）`, { extensions: { code: 'QUERY_TOO_COMPLEX', details, http: { status: 400 } } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          const depth = operation ? measureDepth(operation.selectionSet, fragments, 0, new Set()) : 0;
          if (depth > limits.maxDepth) throw refuse(`深度 ${depth}，上限 ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) throw refuse(`成本 ${cost}，上限 ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
        },
      };
    },
  };
}

function measureDepth(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): number {
  let max = depth;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.selectionSet) max = Math.max(max, measureDepth(sel.selectionSet, fragments, depth + 1, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, measureDepth(sel.selectionSet, fragments, depth, seen));
    } else {
      const fragment = fragments.get(sel.name.value);
      if (!fragment || seen.has(sel.name.value)) continue;
      max = Math.max(max, measureDepth(fragment.selectionSet, fragments, depth, new Set([...seen, sel.name.value])));
    }
  }
  return max;
}
