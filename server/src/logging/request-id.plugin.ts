import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../common/request-context.js';

/** Every GraphQL error answer names the request, so a user's report finds its log lines. */
export function requestIdInErrors(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const requestId = (contextValue.req as { id?: string } | undefined)?.id;
          if (!requestId || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
        },
      };
    },
  };
}
