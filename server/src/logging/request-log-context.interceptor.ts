import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Observable } from 'rxjs';
import { requestContextOf } from '../common/access.decorators.js';
import { requestLogStore, type RequestLogFields } from './request-log-store.js';

/**
 * After the access guard has resolved the user: adds who asked and which package it is about
 * to every later line of this request, and to the line that closes it.
 */
@Injectable()
export class RequestLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Outside a request (a job, a test calling a resolver directly) there is nothing to add to.
    const store = requestLogStore.getStore();
    if (store) Object.assign(store, requestLogFields(context));
    return next.handle();
  }
}

export function requestLogFields(context: ExecutionContext): Omit<RequestLogFields, 'requestId'> {
  const fields: Omit<RequestLogFields, 'requestId'> = {};
  const user = requestContextOf(context).user;
  if (user) fields.userId = user.id;
  if (context.getType<GqlContextType>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ fieldName: string; operation: { operation: string; name?: { value: string } } }>();
    const args = gql.getArgs<Record<string, any>>();
    fields.operation = `${info.operation.operation} ${info.operation.name?.value ?? info.fieldName}`;
    const packageId = args.packageId ?? args.input?.packageId ?? (/package/i.test(info.fieldName) && !/packages$/i.test(info.fieldName) ? args.id : undefined);
    if (typeof packageId === 'string') fields.packageId = packageId;
  } else {
    const req = context.switchToHttp().getRequest<{ params?: Record<string, string>; route?: { path?: string } }>();
    if (req.route?.path?.includes('packages/:id') && req.params?.id) fields.packageId = req.params.id;
  }
  return fields;
}
