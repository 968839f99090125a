import type { FieldError } from './app.exception.js';

/**
 * Maximum nesting depth of objects and arrays in a request body or query. The platform's DTOs
 * use a few levels, and class-transformer recurses once per level, so it overflows the stack at
 * a few thousand.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * NUL, which PostgreSQL text and jsonb reject, and UTF-16 surrogates without their pair, which
 * have no UTF-8 form and make validator.js's URI encoding throw.
 */
function isWellFormedText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

interface PendingValue {
  value: unknown;
  field: string;
  depth: number;
}

/**
 * Returns the first field, in document order, of a parsed body or query that is nested deeper
 * than `maxDepth` or contains a string with NUL or an unpaired surrogate (keys included), or
 * undefined when there is none. `root` names the input itself ("body", "query"). Walks with an
 * explicit stack, so a deep input cannot overflow the call stack here.
 */
export function findUnsafeInput(
  input: unknown,
  root: string,
  maxDepth = MAX_INPUT_DEPTH,
): FieldError | undefined {
  const pending: PendingValue[] = [{ value: input, field: root, depth: 0 }];

  while (pending.length > 0) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return { field, constraint: 'isWellFormedText' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      return { field, constraint: 'maxDepth', params: { constraint1: maxDepth } };
    }

    // Reversed, so fields come off the stack in document order.
    for (const [key, child] of Object.entries(value).reverse()) {
      if (!isWellFormedText(key)) return { field, constraint: 'isWellFormedText' };
      const childField = depth === 0 ? key : `${field}.${key}`;
      pending.push({ value: child, field: childField, depth: depth + 1 });
    }
  }
  return undefined;
}
