import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ProjectLookup } from './project-lookup.js';
import { ProjectsResolver } from './projects.resolver.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [ChangesModule],
  providers: [ProjectLookup, ProjectsService, ProjectsResolver],
  exports: [ProjectLookup],
})
export class ProjectsModule {}
