import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_MESSAGES, ErrorCode } from '@zipin/shared';
import type { AppConfig } from '../config/app-config.js';
import type { RequestContext } from './request-context.js';
import { queryLimits } from './query-limits.js';

const PASS_THROUGH = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST']);

/** Apollo settings: schema file, request context, limits, and errors that never leak internals. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    autoSchemaFile: config.schemaFile ?? true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.env === 'development',
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    context: ({ req, res }: Pick<RequestContext, 'req' | 'res'>): RequestContext => ({ req, res, user: null, userResolved: false }),
    validationRules: queryLimits({ maxDepth: 12, maxCost: 20_000 }),
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError => {
      const code = formatted.extensions?.code as string | undefined;
      if (code && (code in ErrorCode || PASS_THROUGH.has(code))) {
        const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
        return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
      }
      return { message: ERROR_MESSAGES.INTERNAL.zh, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
    },
  };
}
