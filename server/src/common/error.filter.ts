import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Response } from 'express';
import { ERROR_MESSAGES, ErrorCode } from '@zipin/shared';
import { DomainError, HTTP_STATUS_BY_CODE } from './domain-error.js';

/**
 * The one place errors leave the server. Domain errors keep their code and message;
 * anything else is logged here and reaches the user as INTERNAL with no stack trace.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const domain = toDomainError(exception, this.logger);
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(domain.message, { extensions: domainErrorExtensions(domain) });
    }
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = host.switchToHttp().getRequest<{ id?: string }>().id;
    res.status(HTTP_STATUS_BY_CODE[domain.code] ?? 500).json({ code: domain.code, message: domain.message, messageEn: domain.messageEn, details: domain.details, requestId });
  }
}

/** What a GraphQL error answer carries of a domain error. Both languages travel: the client shows the one its user chose. */
export function domainErrorExtensions(domain: DomainError): Record<string, unknown> {
  return { code: domain.code, messageEn: domain.messageEn, ...(domain.details ? { details: domain.details } : {}) };
}

export function toDomainError(exception: unknown, logger?: Logger): DomainError {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof GraphQLError) {
    const en = exception.extensions?.reasonEn;
    return new DomainError(ErrorCode.VALIDATION_FAILED, typeof en === 'string' ? { zh: exception.message, en } : exception.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new DomainError(ErrorCode.NOT_FOUND);
    if (status === 401) return new DomainError(ErrorCode.UNAUTHENTICATED);
    if (status === 403) return new DomainError(ErrorCode.FORBIDDEN);
    if (status === 413) return new DomainError(ErrorCode.FILE_REJECTED, { zh: '文件过大', en: 'The file is too large' });
    if (status < 500) return new DomainError(ErrorCode.VALIDATION_FAILED, exception.message);
  }
  if (isOptimisticLockError(exception)) return new DomainError(ErrorCode.VERSION_CONFLICT);
  logger?.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
  return new DomainError(ErrorCode.INTERNAL, ERROR_MESSAGES.INTERNAL);
}

function isOptimisticLockError(e: unknown): boolean {
  return e instanceof Error && e.name === 'OptimisticLockVersionMismatchError';
}
