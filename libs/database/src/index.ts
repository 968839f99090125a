export * from './run-migrations.js';
export * from './unique-violation.js';
export * from './insert-returning.js';
