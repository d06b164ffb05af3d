import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ConfigurationModule } from '../configuration/configuration.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PipelineSigningSecrets } from './pipeline-signing-secrets.js';
import { TokensResolver } from './tokens.resolver.js';
import { TokensService } from './tokens.service.js';

@Module({
  imports: [ChangesModule, ProjectsModule, ConfigurationModule],
  providers: [TokensService, TokensResolver, PipelineSigningSecrets],
  // The release hooks check signatures with the pipeline tokens' signing secrets.
  exports: [PipelineSigningSecrets],
})
export class TokensModule {}
