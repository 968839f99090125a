export { createReportingApp } from './create-app.js';
export { reportingConfigSchema, type ReportingConfig } from './config.js';
export { reportingErrors } from './common/reporting-errors.js';
