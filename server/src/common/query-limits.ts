import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, execute, getOperationAST, subscribe, visit, type DocumentNode, type ExecutionArgs, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ERROR_MESSAGES } from '@zipin/shared';

/** Arguments that size a list; the server never returns more than MAX_PAGE rows for one. */
const LIST_SIZE_ARGS = ['first', 'limit', 'take'] as const;
const MAX_PAGE = 200;
/** Selections counted at most; an operation with more is refused without counting further. */
const MAX_NODES = 10_000;

/**
 * A field costs 1 plus its children, times the page size it asks for. The size is read from
 * the coerced arguments, so a literal, a variable and a schema default all count the same.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = LIST_SIZE_ARGS.map((k) => args[k]).find((v): v is number => typeof v === 'number');
  if (size === undefined) return undefined;
  return 1 + childComplexity * Math.min(Math.max(1, size), MAX_PAGE);
};

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * Why an operation is refused, or null: nested deeper than maxDepth or costing more than maxCost.
 * Read from the resolved operation and its variables (graphql-query-complexity), so `first: $n`
 * costs what $n says, aliases each cost their own, and fragments count once per use.
 */
export function operationLimitError(
  limits: QueryLimits,
  op: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null },
): GraphQLError | null {
  const refuse = (detail: string, details: Record<string, number>) =>
    new GraphQLError(`${ERROR_MESSAGES.QUERY_TOO_COMPLEX.zh}（${detail}）`, { extensions: { code: 'QUERY_TOO_COMPLEX', details, http: { status: 400 } } });
  const shape = operationShape(op.schema, op.document, op.operationName ?? null);
  if (shape.depth > limits.maxDepth) return refuse(`深度 ${shape.depth}，上限 ${limits.maxDepth}`, { depth: shape.depth, maxDepth: limits.maxDepth });
  const key = JSON.stringify(shape.costVariables.map((name) => op.variables?.[name] ?? null));
  let cost = shape.costs.get(key);
  if (cost === undefined) {
    cost = countCost(op);
    if (shape.costs.size >= MAX_COSTS_PER_OPERATION) shape.costs.clear();
    shape.costs.set(key, cost);
  }
  if (cost === 'too-many-nodes') return refuse(`字段超过 ${MAX_NODES} 个`, { maxNodes: MAX_NODES });
  if (cost > limits.maxCost) return refuse(`成本 ${cost}，上限 ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
  return null;
}

function countCost(op: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null }): number | 'too-many-nodes' {
  try {
    return getComplexity({
      schema: op.schema,
      query: op.document,
      operationName: op.operationName ?? undefined,
      variables: op.variables ?? {},
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
      maxQueryNodes: MAX_NODES,
    });
  } catch (e) {
    // The library stops counting past MAX_NODES selections; that is a refusal like any other.
    if (e instanceof GraphQLError && /maximum allowed number of nodes/.test(e.message)) return 'too-many-nodes';
    throw e;
  }
}

/**
 * What the limits need of one operation of a parsed document: its depth, and the variables its
 * cost can depend on (those given to a page-size argument or to @skip/@include), with the costs
 * counted so far per value of those variables. Apollo and graphql-ws hand the same parsed
 * document to every request with the same query text, so a client's repeated query (an autosave
 * carrying a whole document in its variables) is walked once, not on every request.
 */
interface OperationShape {
  depth: number;
  costVariables: string[];
  costs: Map<string, number | 'too-many-nodes'>;
}
const MAX_COSTS_PER_OPERATION = 64;
const shapes = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string | null, OperationShape>>>();

function operationShape(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): OperationShape {
  let bySchema = shapes.get(schema);
  if (!bySchema) shapes.set(schema, (bySchema = new WeakMap()));
  let byName = bySchema.get(document);
  if (!byName) bySchema.set(document, (byName = new Map()));
  let shape = byName.get(operationName);
  if (shape) return shape;
  const operation = getOperationAST(document, operationName ?? undefined);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const costVariables = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE && (LIST_SIZE_ARGS as readonly string[]).includes(node.name.value)) costVariables.add(node.value.name.value);
    },
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return;
      for (const arg of node.arguments ?? []) if (arg.value.kind === Kind.VARIABLE) costVariables.add(arg.value.name.value);
    },
  });
  shape = { depth: operation ? measureDepth(operation.selectionSet, fragments, 0, new Set()) : 0, costVariables: [...costVariables].sort(), costs: new Map() };
  byName.set(operationName, shape);
  return shape;
}

/** Queries and mutations over HTTP: refused before any resolver runs. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const refused = operationLimitError(limits, { schema, document, operationName: request.operationName, variables: request.variables });
          if (refused) throw refused;
        },
      };
    },
  };
}

/**
 * The same limits for operations over the WebSocket (graphql-ws runs them itself, past Apollo's
 * plugins): a refused one is answered with the error and never reaches a resolver, so a
 * subscription is not set up.
 */
export function limitedExecution(limits: QueryLimits): { execute: typeof execute; subscribe: typeof subscribe } {
  const check = (args: ExecutionArgs) => operationLimitError(limits, { schema: args.schema, document: args.document, operationName: args.operationName, variables: args.variableValues as Record<string, unknown> | undefined });
  return {
    execute: (args) => {
      const refused = check(args);
      return refused ? { errors: [refused] } : execute(args);
    },
    subscribe: (args) => {
      const refused = check(args);
      return refused ? Promise.resolve({ errors: [refused] }) : subscribe(args);
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
