/** The package domain core (model, schema, calculations, scoring, checks, report drafting, diff). */
export * from './money.js';
export * from './model.js';
export * from './outline.js';
export * from './paths.js';
export * from './template.js';
export * from './scoring.js';
export * from './calculations.js';
export * from './checks.js';
export * from './report.js';
export * from './schema.js';
export * from './diff.js';
export * from './canonical-json.js';
export * from './empty.js';
export * from './fixtures/seed-2024-lukou-gsl.js';
export * from './carry-forward.js';
export * from './input.js';
export * from './checks-input.js';
