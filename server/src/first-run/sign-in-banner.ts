/** What a person needs for the first sign-in; printed once, by the instance that seeded. */
export function signInBanner(consoleUrl: string, ownerToken: string): string {
  return [
    '',
    '  Flagstaff is ready for its first sign-in.',
    '',
    `  Console:      ${consoleUrl}`,
    `  Owner token:  ${ownerToken}`,
    '',
    '  This token is shown once and stored only as a hash: keep it somewhere safe.',
    `  API: curl -H 'Authorization: Bearer <token>' ${consoleUrl}/graphql`,
    '',
    '',
  ].join('\n');
}
