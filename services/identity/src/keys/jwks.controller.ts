import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@gym/auth';
import { SigningKeyStore } from './signing-key-store.js';

@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeyStore) {}

  /** Public keys that verify access tokens; cached briefly by clients and the gateway. */
  @Public()
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks() {
    return this.keys.jwks();
  }
}
