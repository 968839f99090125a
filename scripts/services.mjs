// The processes `npm start` runs, in start order, with their port variable.
export const services = [
  { name: 'identity', dir: 'services/identity', portVariable: 'IDENTITY_PORT' },
];
