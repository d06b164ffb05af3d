import { TokenEntity } from '../auth/token.entity.js';
import { EnvironmentChangeEntity } from '../changes/environment-change.entity.js';
import { ConfigEntryEntity } from '../configuration/config-entry.entity.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { FlagConfigEntity } from '../flags/flag-config.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { RevisionEntity } from '../revisions/revision.entity.js';
import { SegmentEntity } from '../segments/segment.entity.js';

/** Every TypeORM entity; the schema itself is owned by the migrations. */
export const entities = [
  ProjectEntity,
  EnvironmentEntity,
  TokenEntity,
  FlagEntity,
  FlagConfigEntity,
  SegmentEntity,
  ConfigEntryEntity,
  RevisionEntity,
  EnvironmentChangeEntity,
];
