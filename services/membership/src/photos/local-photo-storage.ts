import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assertPhotoKey, type PhotoStorage, type StoredPhoto } from './photo-storage.js';

/**
 * Keeps photos as files under one folder, with the content type in a `.type` file beside each.
 * For development and single-machine use: the files live on one host only.
 */
export class LocalPhotoStorage implements PhotoStorage {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, body);
    await writeFile(`${path}.type`, contentType);
    await rename(temporary, path);
  }

  async get(key: string): Promise<StoredPhoto | undefined> {
    const path = this.pathOf(key);
    try {
      const [body, contentType] = await Promise.all([
        readFile(path),
        readFile(`${path}.type`, 'utf8'),
      ]);
      return { body, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}.type`, { force: true });
  }

  private pathOf(key: string): string {
    assertPhotoKey(key);
    return join(this.root, key);
  }
}
