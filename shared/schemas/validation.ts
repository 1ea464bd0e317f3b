import type * as z from 'zod';
import { type FieldIssue, ValidationError } from '../errors.ts';

/** `['directives', 0, 'tasks', 2, 'lead', 1]` -> `directives[0].tasks[2].lead[1]` */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out.length === 0 ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** zod issues as {path, rule}; an unknown key is reported at its own path. */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ path: formatPath([...issue.path, key], prefix), rule: 'is not allowed' });
      continue;
    }
    issues.push({ path: formatPath(issue.path, prefix) || prefix || '(body)', rule: issue.message });
  }
  return issues;
}

/** Parses `input` with `schema` or throws a ValidationError listing every failing path and rule. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(`invalid ${where}`, toFieldIssues(result.error, prefix));
}
