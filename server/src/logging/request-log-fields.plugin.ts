import type { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, Kind, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { requestLogStore, type RequestLogFields } from './request-log-store.js';

/**
 * Once Apollo knows the operation: which operation it is and which package it is about, on
 * every later line of the request and on the line that closes it. (Who asked is added where the
 * session is resolved, resolveUser; REST routes' package by the request-logging middleware.)
 * A plugin, not a Nest interceptor: an interceptor puts an observable chain around every root
 * field of every request.
 */
export function requestLogFieldsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema, request }) {
          const store = requestLogStore.getStore();
          if (store && operation) Object.assign(store, operationLogFields(schema, operation, request.variables ?? {}));
        },
      };
    },
  };
}

/** The operation ("mutation signPackage", or the client's name for it) and the package its first root field names. */
export function operationLogFields(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Omit<RequestLogFields, 'requestId' | 'userId'> {
  const root = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && !s.name.value.startsWith('__'));
  const fieldName = root?.name.value ?? '';
  const fields: Omit<RequestLogFields, 'requestId' | 'userId'> = { operation: `${operation.operation} ${operation.name?.value ?? fieldName}` };
  const definition = root ? schema.getRootType(operation.operation)?.getFields()[fieldName] : undefined;
  if (!root || !definition) return fields;
  let args: Record<string, any>;
  try {
    args = getArgumentValues(definition, root, variables);
  } catch {
    // Arguments that do not coerce are refused by execution with their own error; nothing to log here.
    return fields;
  }
  const packageId = args.packageId ?? args.input?.packageId ?? (/package/i.test(fieldName) && !/packages$/i.test(fieldName) ? args.id : undefined);
  if (typeof packageId === 'string') fields.packageId = packageId;
  return fields;
}
