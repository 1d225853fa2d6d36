export * from '../../shared/src/errors/index.js';
export * from '../../shared/src/workflow/index.js';
export * from '../../shared/src/jobs/index.js';
export type EvaluationTemplate = any;
export type PackageDocument = any;
