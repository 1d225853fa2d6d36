export * from './error-codes.js';
export * from './password-policy.js';
