import type { ApolloDriverConfig } from '@nestjs/apollo';
import { assertValidSchema, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ERROR_MESSAGES, ErrorCode } from '@zipin/shared';
import type { AppConfig } from '../config/app-config.js';
import type { RequestContext } from './request-context.js';
import { limitedExecution, queryLimitsPlugin, type QueryLimits } from './query-limits.js';
import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { BoundedDateTime } from './date-time.scalar.js';
import { DomainError } from './domain-error.js';
import { domainErrorExtensions } from './error.filter.js';

/** The most an operation may cost (fields × page sizes, see query-limits.ts). */
export const MAX_QUERY_COST = 20_000;
const LIMITS: QueryLimits = { maxDepth: 12, maxCost: MAX_QUERY_COST };

/** The upgrade request as the session lookup reads a request: headers and parsed cookies. */
function webSocketRequest(request: IncomingMessage): RequestContext['req'] {
  const cookies = parseCookies(request.headers.cookie ?? '');
  return Object.assign(Object.create(request), { cookies }) as RequestContext['req'];
}

/** No Origin (not a browser) or our own origin (the public URL's, or the Host it was sent to). */
export function sameOrigin(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const o = new URL(origin);
    return o.origin === new URL(publicUrl).origin || o.host === request.headers.host;
  } catch {
    return false;
  }
}
import { requestIdInErrors } from '../logging/request-id.plugin.js';
import { requestLogFieldsPlugin } from '../logging/request-log-fields.plugin.js';

const PASS_THROUGH = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST']);

/** Apollo settings: schema file, request context, limits, and errors that never leak internals. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    autoSchemaFile: config.schemaFile ?? true,
    sortSchema: true,
    // No guards, interceptors or filters around field resolvers: each is held to its access
    // declaration by FieldAccess (field-access.ts), checked once per call without Nest's pipeline,
    // and its errors are mapped in formatError below like a root field's.
    fieldResolverEnhancers: [],
    // Nest's check runs the whole introspection query over the new schema at every start; the
    // same mistakes are refused by graphql-js's own validation, run below (and by
    // makeExecutableSchema's SDL validation before it), so start-up still fails on a bad schema.
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: BoundedDateTime }], skipCheck: true },
    transformSchema: (schema: GraphQLSchema): GraphQLSchema => {
      assertValidSchema(schema);
      return schema;
    },
    path: '/graphql',
    // Off unless NODE_ENV=development is set explicitly: an unset NODE_ENV must not open the schema.
    graphiql: config.devTools,
    introspection: config.devTools,
    hideSchemaDetailsFromClientErrors: !config.devTools,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // HTTP requests bring req/res; a graphql-ws subscription brings the upgrade request in `extra`.
    context: (input: Partial<Pick<RequestContext, 'req' | 'res'>> & { extra?: { request: IncomingMessage } }): RequestContext =>
      input.extra ? { req: webSocketRequest(input.extra.request), res: undefined as never, user: null, userResolved: false } : { req: input.req!, res: input.res!, user: null, userResolved: false },
    subscriptions: {
      // Operations over the socket are held to the same depth and cost as over HTTP.
      ...limitedExecution(LIMITS),
      'graphql-ws': {
        path: '/graphql',
        // A browser sends its cookies with any page's WebSocket: only our own pages may connect.
        onConnect: (ctx) => sameOrigin((ctx.extra as { request: IncomingMessage }).request, config.publicUrl),
      },
    },
    // No cache hints are set or read (no CDN caches GraphQL answers), so Apollo's per-field
    // cache-control bookkeeping is switched off: it costs every resolved field.
    plugins: [queryLimitsPlugin(LIMITS), requestIdInErrors(), requestLogFieldsPlugin(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      // A field resolver's error reaches here as thrown (root fields' pass through ErrorFilter first).
      const original = unwrapResolverError(error);
      if (original instanceof DomainError) return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: domainErrorExtensions(original) };
      const code = formatted.extensions?.code as string | undefined;
      if (code && (code in ErrorCode || PASS_THROUGH.has(code))) {
        const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
        return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
      }
      return { message: ERROR_MESSAGES.INTERNAL.zh, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
    },
  };
}
