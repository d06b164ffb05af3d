import { TokenEntity } from '../auth/token.entity.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

/** Every TypeORM entity; the schema itself is owned by the migrations. */
export const entities = [ProjectEntity, EnvironmentEntity, TokenEntity];
