/** GraphQL against a server process with an admin token; throws on any error, returns `data`. */
export function adminClient(url: string, token: string) {
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  };
}

export type AdminClient = ReturnType<typeof adminClient>;

/** The owner token a first start printed. */
export function ownerTokenIn(stdout: string): string {
  const token = /Owner token:\s+(fsa_\S+)/.exec(stdout)?.[1];
  if (!token) throw new Error('no owner token in the server output');
  return token;
}

/** Resolves when `check` returns true, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
