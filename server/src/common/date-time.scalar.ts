import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { absoluteDateProblem } from '@zipin/shared';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO.test(value)) {
    throw new GraphQLError('日期时间须为 ISO 8601 格式，例如 2025-06-30T09:00:00+08:00', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const at = new Date(value);
  const problem = absoluteDateProblem(at);
  if (problem) throw new GraphQLError(`日期时间无效：${problem.zh}`, { extensions: { code: 'BAD_USER_INPUT', reasonEn: problem.en } });
  return at;
}

/**
 * Every date-time input of the API: an ISO 8601 string with a zone, within the years the
 * system can mean (a year-10000 timestamp once went in as year 0000). Output is ISO in UTC.
 * Keeps the name DateTime, so the schema and the clients are unchanged.
 */
export const BoundedDateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  serialize: (v) => (v instanceof Date ? v : new Date(v as string)).toISOString(),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('日期时间须为字符串', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});
