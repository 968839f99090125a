export * from './run-migrations.js';
export * from './unique-violation.js';
