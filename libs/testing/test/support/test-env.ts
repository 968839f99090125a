/** Reads a connection URL of the test servers, which scripts/test.mjs loads from test.env. */
function requiredTestEnv(name: string): string {
  const url = process.env[name];
  if (!url) {
    throw new Error(`${name} is not set; run the tests through scripts/test.mjs`);
  }
  return url;
}

export const amqpUrl = (): string => requiredTestEnv('TEST_AMQP_URL');

export const redisUrl = (): string => requiredTestEnv('TEST_REDIS_URL');
