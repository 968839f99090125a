import { z } from 'zod';

/** Raised when the environment does not satisfy a service's schema; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` against `schema` and returns the typed configuration.
 * Every missing or invalid variable is reported in one ConfigError, named by variable.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) {
    return result.data;
  }

  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const received = env[variable];
    const reason = received === undefined || received === '' ? 'is required' : issue.message;
    return `${variable}: ${reason}`;
  });
  throw new ConfigError(problems);
}

/**
 * Loads the configuration or, when it is invalid, prints every problem to stderr and exits with
 * status 78 (EX_CONFIG) before anything else starts.
 */
export function loadConfigOrExit<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
