export * from './workflow-table.js';
export * from './reminder-notice.js';
export * from './date-bounds.js';
export * from './waiting-work.js';
export * from './deadline-reminders.js';
