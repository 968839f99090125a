import argon2 from 'argon2';

/**
 * argon2id with the library defaults (64 MiB memory, 3 passes in argon2 0.4x). A fixed dummy
 * hash lets unknown emails cost the same time as known ones.
 */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('dummy password for timing equalisation');
      await argon2.verify(await this.dummyHash, password);
      return false;
    }
    return argon2.verify(hash, password);
  }
}
