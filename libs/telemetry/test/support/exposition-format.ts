/** One sample line of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*"';
const SAMPLE_LINE = new RegExp(
  `^(${METRIC_NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (\\S+)(?: -?\\d+)?$`,
);
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * Parses the text exposition format (version 0.0.4) and throws on the first line that breaks
 * it: a sample before its family's HELP and TYPE, an unknown type, a malformed label set or
 * value, or a sample whose name does not belong to the family declared above it.
 */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  let current: MetricFamily | undefined;

  for (const [index, line] of text.split('\n').entries()) {
    const where = `line ${index + 1} "${line}"`;
    if (line === '') {
      continue;
    }

    const help = /^# HELP (\S+) (.+)$/.exec(line);
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (help) {
      current = { name: help[1]!, type: '', help: help[2]!, samples: [] };
      if (families.has(current.name)) throw new Error(`Duplicate family at ${where}`);
      families.set(current.name, current);
    } else if (type) {
      if (current?.name !== type[1]) throw new Error(`TYPE without HELP at ${where}`);
      if (!TYPES.has(type[2]!)) throw new Error(`Unknown type at ${where}`);
      current.type = type[2]!;
    } else if (line.startsWith('#')) {
      continue;
    } else {
      if (!current?.type) throw new Error(`Sample before HELP and TYPE at ${where}`);
      current.samples.push(parseSample(line, current, where));
    }
  }
  return families;
}

function parseSample(line: string, family: MetricFamily, where: string): Sample {
  const match = SAMPLE_LINE.exec(line);
  if (!match) {
    throw new Error(`Malformed sample at ${where}`);
  }

  const [, name, labelText, valueText] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
  ];
  const allowedNames = (SUFFIXES[family.type] ?? ['']).map((suffix) => family.name + suffix);
  if (!allowedNames.includes(name)) {
    throw new Error(`Sample ${name} outside its family ${family.name} at ${where}`);
  }

  return { name, labels: parseLabels(labelText ?? ''), value: parseValue(valueText, where) };
}

/** Reads a value as Prometheus does (Go's ParseFloat): NaN and Inf in any letter case. */
function parseValue(text: string, where: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special?.[2]!.toLowerCase() === 'nan') {
    return NaN;
  }
  if (special) {
    return special[1] === '-' ? -Infinity : Infinity;
  }

  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) {
    throw new Error(`Invalid value at ${where}`);
  }
  return value;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
  }
  return labels;
}
