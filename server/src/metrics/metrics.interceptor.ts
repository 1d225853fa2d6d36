import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { tap, type Observable } from 'rxjs';
import { toDomainError } from '../common/error.filter.js';
import { MetricsService } from './metrics.service.js';

/**
 * Times each GraphQL root field. The label is the schema's field ("mutation savePackage"),
 * never the client's operation name, so a caller cannot grow the series without bound.
 */
@Injectable()
export class GraphqlMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ fieldName: string; operation: { operation: string } }>();
    const operation = `${info.operation.operation} ${info.fieldName}`;
    const end = this.metrics.graphqlDuration.startTimer({ operation });
    return next.handle().pipe(
      tap({
        next: () => end({ outcome: 'ok' }),
        error: (err: unknown) => end({ outcome: toDomainError(err).code }),
      }),
    );
  }
}
