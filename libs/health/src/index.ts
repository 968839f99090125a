export * from './broker-health.js';
export * from './shutdown-state.js';
export * from './health-module-options.js';
export * from './health.controller.js';
export * from './health.module.js';
export * from './graceful-shutdown.js';
