import type * as z from 'zod/mini';
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

/**
 * The issues of the union branch that failed on one of our own rules (a date out of range), if
 * any: "must be between …" says more than the union's "one of these forms".
 */
function ruleBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  return issue.errors.find((branch) => branch.some((i) => i.code === 'custom'));
}

/** zod issues as {path, rule}; an unknown key is reported at its own path. */
export function toFieldIssues(error: { issues: readonly z.core.$ZodIssue[] }, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ path: formatPath([...issue.path, key], prefix), rule: 'is not allowed' });
      continue;
    }
    const branch = issue.code === 'invalid_union' ? ruleBranch(issue) : undefined;
    if (branch) {
      const nested = branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
      issues.push(...toFieldIssues({ issues: nested }, prefix));
      continue;
    }
    issues.push({ path: formatPath(issue.path, prefix) || prefix || '(body)', rule: issue.message });
  }
  return issues;
}

/** Parses `input` with `schema` or throws a ValidationError listing every failing path and rule. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  where: string,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(`invalid ${where}`, toFieldIssues(result.error, prefix));
}
