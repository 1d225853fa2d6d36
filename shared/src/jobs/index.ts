export * from './job-catalogue.js';
