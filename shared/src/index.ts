export * from './errors/index.js';
export * from './workflow/index.js';
export * from './jobs/index.js';
export * from './package/index.js';
export * from './forms/index.js';
export * from './http/index.js';
