export * from './workflow-table.js';
export * from './reminder-notice.js';
export * from './date-bounds.js';
export * from './unit-categories.js';
export * from './waiting-work.js';
export * from './deadline-reminders.js';
