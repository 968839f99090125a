export * from './run-migrations.js';
