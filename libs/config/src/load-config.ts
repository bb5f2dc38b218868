import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@maillage/contracts';

/** A configuration the process must not start with. Its message is one line. */
export class ConfigError extends Error {}

/**
 * Reads the environment into a validated config class, once, at start. Only the
 * declared variables are read; the message names every wrong one in one line.
 */
export function loadConfig<T extends object>(
  cls: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const declared = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const config = plainToInstance(cls, plain, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  for (const [key, value] of Object.entries(declared)) {
    if ((config as Record<string, unknown>)[key] === undefined)
      (config as Record<string, unknown>)[key] = value;
  }
  const errors = flattenValidationErrors(
    validateSync(config as object, { skipMissingProperties: false }),
  );
  if (errors.length) {
    throw new ConfigError(
      `Invalid configuration: ${errors.map((e) => `${e.field} ${e.reason.replace(new RegExp(`^${e.field} `), '')}`).join('; ')}`,
    );
  }
  return config;
}

/** Prints one clear line and stops the process: what an operator wants at start. */
export function exitOnConfigError(error: unknown): never {
  const line = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
