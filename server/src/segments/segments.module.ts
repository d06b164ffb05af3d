import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsResolver } from './segments.resolver.js';
import { SegmentsService } from './segments.service.js';

@Module({
  imports: [ChangesModule, ProjectsModule],
  providers: [SegmentsRepository, SegmentsService, SegmentsResolver],
})
export class SegmentsModule {}
