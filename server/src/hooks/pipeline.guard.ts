import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { headerValue } from '../delivery/sdk-request.js';
import { checkSignature, SIGNATURE_HEADER } from './hook-signature.js';
import type { HookRequest } from './hook-request.js';
import { InvalidSignatureError } from './invalid-signature-error.js';
import { PipelineAuthenticator } from './pipeline-authenticator.js';
import { SeenSignatures } from './seen-signatures.js';

/**
 * Every hook route: a valid pipeline token (else 401 UNAUTHENTICATED, saying nothing more), and
 * for tokens that require it a valid, fresh, unreplayed signature of the raw body (else 401
 * INVALID_SIGNATURE). Passes the caller on as `request.pipeline`.
 */
@Injectable()
export class PipelineGuard implements CanActivate {
  constructor(
    private readonly authenticator: PipelineAuthenticator,
    private readonly seen: SeenSignatures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const { caller, signingSecret } = await this.authenticator.authenticate(request.headers.authorization);
    if (signingSecret !== undefined) {
      const check = checkSignature(
        signingSecret,
        headerValue(request.headers[SIGNATURE_HEADER]),
        request.rawBody ?? Buffer.alloc(0),
        Math.floor(Date.now() / 1000),
      );
      if (!check.valid) throw new InvalidSignatureError(check.problem);
      if (!(await this.seen.firstUse(caller.tokenId, check.signature, check.timestamp))) {
        throw new InvalidSignatureError('this signature was used before; sign every request, retries too');
      }
    }
    request.pipeline = caller;
    return true;
  }
}
