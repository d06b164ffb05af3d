import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { EnvironmentsResolver } from './environments.resolver.js';
import { EnvironmentsService } from './environments.service.js';

@Module({ imports: [ChangesModule, ProjectsModule], providers: [EnvironmentsService, EnvironmentsResolver] })
export class EnvironmentsModule {}
