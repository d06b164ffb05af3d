import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { FlagConfigsResolver } from './flag-configs.resolver.js';
import { FlagConfigsService } from './flag-configs.service.js';
import { FlagReader } from './flag-reader.js';
import { FlagRepository } from './flag.repository.js';
import { FlagRestoreService } from './flag-restore.service.js';
import { FlagValidator } from './flag-validator.js';
import { FlagsResolver } from './flags.resolver.js';
import { FlagsService } from './flags.service.js';

@Module({
  imports: [ChangesModule, ProjectsModule, RevisionsModule],
  providers: [
    FlagRepository,
    FlagValidator,
    FlagReader,
    FlagsService,
    FlagConfigsService,
    FlagRestoreService,
    FlagsResolver,
    FlagConfigsResolver,
  ],
})
export class FlagsModule {}
