import type { FlagConfigModel } from './flag-config.model.js';

/**
 * The configurations of every flag of one answer (a page, or the one flag a mutation returns),
 * loaded together the first time any of them is asked for: a list costs one query, not one per flag.
 */
export class FlagConfigLoader {
  private loaded: Promise<ReadonlyMap<string, FlagConfigModel[]>> | undefined;

  constructor(private readonly load: () => Promise<ReadonlyMap<string, FlagConfigModel[]>>) {}

  /** The flag's configuration in every environment of its project, in environment order. */
  async of(flagId: string): Promise<FlagConfigModel[]> {
    this.loaded ??= this.load();
    return (await this.loaded).get(flagId) ?? [];
  }
}
