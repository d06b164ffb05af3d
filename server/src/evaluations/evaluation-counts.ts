import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One line of an SDK's report: how often a flag served a variant (empty: the caller's default). */
export interface EvaluationReport {
  readonly flag: string;
  readonly variant: string;
  readonly count: number;
}

/**
 * Evaluation counts per environment, flag, variant and (UTC) day, summed as SDKs report them. A
 * flag neither changed nor evaluated for N days is stale (see the flags list's `staleDays`).
 */
@Injectable()
export class EvaluationCounts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds `reports` for an environment at the server's time `at` (SDK clocks are not trusted).
   * Counts for flags the project does not have are dropped. Returns how many evaluations were kept.
   */
  async record(
    environment: { readonly id: string; readonly projectId: string },
    reports: readonly EvaluationReport[],
    at: Date,
  ): Promise<number> {
    if (reports.length === 0) return 0;
    const rows: { kept: string | null }[] = await this.dataSource.query(
      `WITH input AS (
         SELECT r.flag, r.variant, sum(r.count) AS count
         FROM unnest($2::text[], $3::text[], $4::bigint[]) AS r (flag, variant, count)
         JOIN flags f ON f.project_id = $6 AND f.key = r.flag
         GROUP BY r.flag, r.variant
       ), saved AS (
         INSERT INTO flag_evaluations (environment_id, flag_key, variant, day, count, last_evaluated_at)
         SELECT $1, flag, variant, ($5::timestamptz AT TIME ZONE 'UTC')::date, count, $5 FROM input
         ON CONFLICT (environment_id, flag_key, day, variant) DO UPDATE
           SET count = flag_evaluations.count + EXCLUDED.count,
               last_evaluated_at = greatest(flag_evaluations.last_evaluated_at, EXCLUDED.last_evaluated_at)
       )
       SELECT coalesce(sum(count), 0) AS kept FROM input`,
      [
        environment.id,
        reports.map((r) => r.flag),
        reports.map((r) => r.variant),
        reports.map((r) => r.count),
        at.toISOString(),
        environment.projectId,
      ],
    );
    return Number(rows[0]?.kept ?? 0);
  }
}
