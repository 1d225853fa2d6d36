import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind } from 'graphql';
import { ErrorCode } from '@zipin/shared';
import { MetricsService } from './metrics.service.js';

/**
 * Times each GraphQL operation's root fields. The label is the schema's field ("mutation
 * savePackage"), never the client's operation name, so a caller cannot grow the series without
 * bound; the outcome is ok or the code of the error at that field. An Apollo plugin rather than
 * an interceptor: it costs a request two hooks, not an observable chain per root field. An
 * operation with several root fields times each by the whole operation (they run together).
 */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  constructor(private readonly metrics: MetricsService) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const metrics = this.metrics;
    let started = 0n;
    return {
      async executionDidStart() {
        started = process.hrtime.bigint();
      },
      async willSendResponse({ operation, response }) {
        // Refused before execution (parse, validation, limits): no root field ran.
        if (!operation || started === 0n) return;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        for (const selection of operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
          const key = selection.alias?.value ?? selection.name.value;
          const error = errors.find((e) => e.path?.[0] === key);
          const outcome = error ? String(error.extensions?.code ?? ErrorCode.INTERNAL) : 'ok';
          metrics.graphqlDuration.observe({ operation: `${operation.operation} ${selection.name.value}`, outcome }, seconds);
        }
      },
    };
  }
}
