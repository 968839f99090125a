export { runDemo, type DemoOptions, type DemoResult } from './run-demo.js';
export { buildDemoData, type DemoData } from './demo-data.js';
export { committedMembersFile } from './demo-files.js';
export { previousMonth } from './demo-month.js';
export { DEFAULT_MEMBER_COUNT, DEFAULT_SEED } from './demo-size.js';
