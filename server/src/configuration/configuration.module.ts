import { Module, type FactoryProvider } from '@nestjs/common';
import { CONFIG, LOGGER } from '../app/injection-tokens.js';
import { ChangesModule } from '../changes/changes.module.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ConfigSecrets } from './config-secrets.js';
import { ConfigurationResolver } from './configuration.resolver.js';
import { ConfigurationService } from './configuration.service.js';
import { SecretBox } from './secret-box.js';
import { SECRET_BOX } from './secret-box-token.js';
import { loadSecretKey } from './secret-key.js';
import { SECRETS_DISABLED_MESSAGE } from './secrets-disabled-error.js';

const secretBox: FactoryProvider<SecretBox | null> = {
  provide: SECRET_BOX,
  inject: [CONFIG, LOGGER],
  useFactory: async (config: Config, logger: Logger) => {
    const key = await loadSecretKey(config, logger);
    if (!key) {
      logger.warn(SECRETS_DISABLED_MESSAGE);
      return null;
    }
    return new SecretBox(key);
  },
};

@Module({
  imports: [ChangesModule, ProjectsModule],
  providers: [secretBox, ConfigSecrets, ConfigurationService, ConfigurationResolver],
  // SDK delivery reveals secrets for server keys through ConfigSecrets.
  exports: [ConfigSecrets],
})
export class ConfigurationModule {}
