/** Who is calling a hook: a pipeline token of one project. */
export interface PipelineCaller {
  readonly tokenId: string;
  readonly projectId: string;
  /** How records name the caller: the token's name and prefix. */
  readonly label: string;
}
