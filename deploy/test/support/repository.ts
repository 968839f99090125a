import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

/** The repository root, from deploy/dist/test/support. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');

export function repositoryPath(...parts: string[]): string {
  return join(repositoryRoot, ...parts);
}

export function readText(...parts: string[]): string {
  return readFileSync(repositoryPath(...parts), 'utf8');
}

export function readYaml<T = unknown>(...parts: string[]): T {
  return parse(readText(...parts), { merge: true }) as T;
}

/** Parses every document of a multi-document YAML file, failing on the first syntax error. */
export function readYamlDocuments(...parts: string[]): unknown[] {
  return parseAllDocuments(readText(...parts), { merge: true }).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as unknown;
  });
}

/** Relative paths of the files under `folder` whose names match `pattern`. */
export function listFiles(folder: string, pattern: RegExp): string[] {
  return readdirSync(repositoryPath(folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(repositoryRoot.length + 1))
    .sort();
}

/** A process of scripts/services.mjs, the list `npm start` runs. */
export interface PlatformProcess {
  name: string;
  dir: string;
  portVariable: string;
  migrations?: false;
}

export async function platformProcesses(): Promise<PlatformProcess[]> {
  const module = (await import(pathToFileURL(repositoryPath('scripts/services.mjs')).href)) as {
    services: PlatformProcess[];
  };
  return module.services;
}

/** Variables of .env.example, in file order. */
export function envExample(): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of readText('.env.example').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!);
  }
  return values;
}
