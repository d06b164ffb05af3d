import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { RevisionsResolver } from './revisions.resolver.js';
import { RevisionsService } from './revisions.service.js';

@Module({
  imports: [ProjectsModule],
  providers: [RevisionsService, RevisionsResolver],
  exports: [RevisionsService],
})
export class RevisionsModule {}
