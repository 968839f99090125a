// The processes `npm start` runs, in start order, with their port variable. `migrations: false`
// marks a process without database migrations.
export const services = [
  { name: 'identity', dir: 'services/identity', portVariable: 'IDENTITY_PORT' },
  { name: 'membership', dir: 'services/membership', portVariable: 'MEMBERSHIP_PORT' },
  { name: 'billing', dir: 'services/billing', portVariable: 'BILLING_PORT' },
  { name: 'catalog', dir: 'services/catalog', portVariable: 'CATALOG_PORT' },
  { name: 'reporting', dir: 'services/reporting', portVariable: 'REPORTING_PORT' },
  { name: 'gateway', dir: 'gateway', portVariable: 'GATEWAY_PORT', migrations: false },
];
