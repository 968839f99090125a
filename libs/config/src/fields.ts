import { z } from 'zod';

/** Reusable field schemas for service environments. None of them has a default for a secret or URL. */

export const urlField = (protocols: string[]) =>
  z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: `must be a URL with scheme ${protocols.join(' or ')}` },
    );

export const databaseUrl = () => urlField(['postgres', 'postgresql']);
export const amqpUrl = () => urlField(['amqp', 'amqps']);
export const redisUrl = () => urlField(['redis', 'rediss']);

export const secretField = (minLength: number) =>
  z.string({ error: 'is required' }).min(minLength, `must be at least ${minLength} characters`);

export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

export const nodeEnv = () => z.enum(['development', 'test', 'production']).default('production');

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Settings of the PostgreSQL pool: size and the timeouts operators tune per environment. */
export const databasePoolFields = {
  DATABASE_POOL_MAX: positiveInt(10),
  DATABASE_CONNECTION_TIMEOUT_MS: positiveInt(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000),
  DATABASE_IDLE_TIMEOUT_MS: positiveInt(30_000),
};
