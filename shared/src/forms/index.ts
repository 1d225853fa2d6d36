/** Official forms as layout data, read by every medium (see types.ts). */
export * from './types.js';
export { RELATIVE_WORDS, fillWords, formWords, oneLine, resolveLabel, type FormWords } from './words.js';
export * from './format.js';
export * from './cells.js';
export * from './basic-data.js';
export * from './self-evaluation.js';
export * from './project-self-evaluation.js';
export * from './cover.js';
export * from './expand.js';
export * from './form-sets.js';
export * from './field-labels.js';
