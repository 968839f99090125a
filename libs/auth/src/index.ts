export * from './principal.js';
export * from './decorators.js';
export * from './jwt.strategy.js';
export * from './jwt-auth.guard.js';
export * from './roles.guard.js';
export * from './auth.module.js';
export * from './branch-access.js';
