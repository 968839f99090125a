/** Names under which the gym plugin registers its policies with express-gateway. */
export const POLICY_NAMES = {
  cors: 'gym-cors',
  rateLimit: 'gym-rate-limit',
  jwt: 'gym-jwt',
  subscription: 'gym-subscription',
  proxy: 'gym-proxy',
  docs: 'gym-docs',
  notFound: 'gym-not-found',
} as const;
