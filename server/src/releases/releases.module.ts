import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { ApplicationsResolver } from './applications.resolver.js';
import { ApplicationsService } from './applications.service.js';
import { ArtifactsResolver } from './artifacts.resolver.js';
import { ArtifactsService } from './artifacts.service.js';
import { DeploymentReader } from './deployment-reader.js';
import { DeploymentsResolver } from './deployments.resolver.js';
import { DeploymentsService } from './deployments.service.js';
import { HealthSignalsResolver } from './health-signals.resolver.js';
import { HealthSignalsService } from './health-signals.service.js';
import { ReleaseLookup } from './release-lookup.js';
import { ReleaseSignals } from './release-signals.js';
import { ReleaseWriter } from './release-writer.js';
import { ReleasesResolver } from './releases.resolver.js';
import { ReleasesService } from './releases.service.js';

/**
 * Release records: applications, artifacts, releases, deployments and health signals. People
 * read them over GraphQL; pipelines write them through the hooks (server/src/hooks); rollout
 * plans read them through ReleaseSignals.
 */
@Module({
  imports: [ProjectsModule],
  providers: [
    ReleaseWriter,
    ReleaseLookup,
    ApplicationsService,
    ArtifactsService,
    ReleasesService,
    DeploymentsService,
    DeploymentReader,
    HealthSignalsService,
    ReleaseSignals,
    ApplicationsResolver,
    ArtifactsResolver,
    ReleasesResolver,
    DeploymentsResolver,
    HealthSignalsResolver,
  ],
  exports: [
    ReleaseWriter,
    ReleaseLookup,
    ArtifactsService,
    ReleasesService,
    DeploymentsService,
    HealthSignalsService,
    ReleaseSignals,
  ],
})
export class ReleasesModule {}
