export * from './pagination.js';
export * from './query-boolean.js';
export * from './record-id.pipe.js';
