import { Client, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { toApiError } from './errors.js';

/**
 * One urql core client for the whole app. Stores call `request`, never components; every call
 * goes to the network (the stores are the cache), and the session travels in the httpOnly cookie.
 */
let client: Client | null = null;

export function createApiClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'x-zipin-client': 'web' } }),
    preferGetMethod: false,
  });
}

export function apiClient(): Client {
  client ??= createApiClient();
  return client;
}

/** Replaces the client (tests, or a different endpoint). */
export function setApiClient(next: Client | null): void {
  client = next;
}

/** Runs a query; throws ApiError on any GraphQL or network error. */
export async function query<Data, Vars extends AnyVariables = AnyVariables>(doc: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data> {
  const result = await apiClient().query(doc, variables).toPromise();
  if (result.error) throw toApiError(result.error);
  if (!result.data) throw toApiError(new Error('empty response'));
  return result.data;
}

/** Runs a mutation; throws ApiError on any GraphQL or network error. */
export async function mutate<Data, Vars extends AnyVariables = AnyVariables>(doc: TypedDocumentNode<Data, Vars>, variables: Vars): Promise<Data> {
  const result = await apiClient().mutation(doc, variables).toPromise();
  if (result.error) throw toApiError(result.error);
  if (!result.data) throw toApiError(new Error('empty response'));
  return result.data;
}
