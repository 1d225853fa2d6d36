/**
 * The header a browser client adds to every state-changing REST request (uploads, imports).
 * A page on another site cannot send it without a CORS preflight, which the server never
 * grants, so its presence proves the request came from this app (like Apollo's
 * `apollo-require-preflight` for GraphQL).
 */
export const CSRF_HEADER = 'x-zipin-request';

/**
 * How long a unit head signed in through single sign-on may take, after signing in again at
 * the provider, to confirm the signature that sign-in was for.
 */
export const FRESH_AUTH_MINUTES = 10;

/** Where the browser goes to sign in through single sign-on, and back from it. */
export const SSO_PATHS = {
  login: '/api/auth/oidc/login',
  reauth: '/api/auth/oidc/reauth',
  callback: '/api/auth/oidc/callback',
  endSession: '/api/auth/oidc/end-session',
} as const;
