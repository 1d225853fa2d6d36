export * from './workflow-table.js';
