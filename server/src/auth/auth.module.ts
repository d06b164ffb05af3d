import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAuthenticator } from './admin-authenticator.js';
import { AdminGuard } from './admin.guard.js';

@Global()
@Module({
  providers: [AdminAuthenticator, { provide: APP_GUARD, useClass: AdminGuard }],
  exports: [AdminAuthenticator],
})
export class AuthModule {}
