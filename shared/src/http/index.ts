/**
 * The header a browser client adds to every state-changing REST request (uploads, imports).
 * A page on another site cannot send it without a CORS preflight, which the server never
 * grants, so its presence proves the request came from this app (like Apollo's
 * `apollo-require-preflight` for GraphQL).
 */
export const CSRF_HEADER = 'x-zipin-request';
