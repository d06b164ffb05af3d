import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { TokensResolver } from './tokens.resolver.js';
import { TokensService } from './tokens.service.js';

@Module({ imports: [ChangesModule, ProjectsModule], providers: [TokensService, TokensResolver] })
export class TokensModule {}
