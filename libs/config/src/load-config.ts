import { z } from 'zod';
import { ConfigError } from './config-error';
import { crossVariableProblems } from './production-rules';

/**
 * Parses the environment against a schema. Every bad or missing variable is reported at once,
 * by name, so that an operator fixes the deployment in one pass.
 */
export function loadConfig<Schema extends z.ZodTypeAny>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) {
    const problems = crossVariableProblems(result.data as Record<string, unknown>);
    if (problems.length > 0) throw new ConfigError(problems);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const shown = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required but not set' : issue.message;
    return `${name}: ${shown}`;
  });
  throw new ConfigError(problems);
}
