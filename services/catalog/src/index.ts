export { createCatalogApp } from './create-app.js';
export { catalogConfigSchema, type CatalogConfig } from './config.js';
export { catalogErrors } from './common/catalog-errors.js';
export { catalogEventTypes } from './common/catalog-events.js';
