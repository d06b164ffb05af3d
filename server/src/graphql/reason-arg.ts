/** Options of the optional `reason` argument every mutation takes (required on protected environments). */
export const REASON_ARG = {
  type: () => String,
  nullable: true,
  description: 'Why; recorded on the revision. Required for changes in protected environments.',
} as const;
