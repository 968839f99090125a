/** A values path a template reads: `.Values.a.b`, or `$svc.a.b` for a range variable. */
export interface TemplateReference {
  file: string;
  /** `Values` for `.Values`/`$.Values`, else the variable name without `$`. */
  root: string;
  path: string[];
}

const REFERENCE = /(?<![\w$])(\$?\.Values|\$[a-zA-Z]\w*)((?:\.[A-Za-z_]\w*)+)/g;

/** Returns every values path the template text reads, skipping Helm's built-in objects. */
export function templateReferences(file: string, text: string): TemplateReference[] {
  const references: TemplateReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const root = match[1]!.endsWith('.Values') ? 'Values' : match[1]!.slice(1);
    const path = match[2]!.slice(1).split('.');
    // `$.Release`, `$.Chart`, `$.Files`, `$.Template` and `$.Capabilities` are not values.
    if (root === '' || /^(Release|Chart|Files|Template|Capabilities)$/.test(path[0]!)) continue;
    references.push({ file, root, path });
  }
  return references;
}

/** Returns the value at `path` of `object`, or `undefined` when a step is missing. */
export function valueAt(object: unknown, path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type Plain = Record<string, unknown>;

/** Merges `override` into a copy of `base`, maps key by key, as the chart's gym.deepMerge does (false and empty values replace defaults too). */
export function mergeValues(base: Plain, override: Plain): Plain {
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] =
      isPlain(current) && isPlain(value) ? mergeValues(current, value) : (value as unknown);
  }
  return merged;
}

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
