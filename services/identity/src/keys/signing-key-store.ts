import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportJWK, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The ES256 keys of identity, read from a folder of PKCS#8 PEM files named `<kid>.pem`.
 * The active key signs new tokens. Every key in the folder stays in the JWKS, so tokens signed
 * by an older key remain valid until its file is removed. To rotate, add a key, publish it,
 * make it active, and remove the old one after the access-token lifetime has passed.
 */
export class SigningKeyStore {
  private constructor(
    private readonly keys: Map<string, SigningKey>,
    readonly activeKid: string,
  ) {}

  static fromDirectory(directory: string, activeKid: string): SigningKeyStore {
    let files: string[];
    try {
      files = readdirSync(directory).filter((file) => file.endsWith('.pem'));
    } catch (error) {
      throw new Error(
        `JWT_SIGNING_KEYS_DIR: cannot read ${directory}: ${(error as Error).message}`,
      );
    }

    const keys = new Map<string, SigningKey>();
    for (const file of files) {
      const kid = basename(file, '.pem');
      keys.set(kid, SigningKeyStore.readKey(join(directory, file), kid));
    }
    if (!keys.has(activeKid)) {
      throw new Error(
        `JWT_ACTIVE_KEY_ID: no key file ${activeKid}.pem in JWT_SIGNING_KEYS_DIR (${directory})`,
      );
    }
    return new SigningKeyStore(keys, activeKid);
  }

  private static readKey(path: string, kid: string): SigningKey {
    const privateKey = createPrivateKey(readFileSync(path));
    const details = privateKey.asymmetricKeyDetails;
    if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
      throw new Error(
        `JWT_SIGNING_KEYS_DIR: ${path} is not an EC P-256 private key (needed for ES256)`,
      );
    }
    return { kid, privateKey, publicKey: createPublicKey(privateKey) };
  }

  get active(): SigningKey {
    return this.keys.get(this.activeKid)!;
  }

  publicKey(kid: string): KeyObject | undefined {
    return this.keys.get(kid)?.publicKey;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const keys = await Promise.all(
      [...this.keys.values()].map(async (key) => ({
        ...(await exportJWK(key.publicKey)),
        kid: key.kid,
        alg: 'ES256',
        use: 'sig',
      })),
    );
    return { keys };
  }
}
