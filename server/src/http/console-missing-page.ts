/** What `/` says when the server runs without a built console (e.g. `node server/dist/main.js` alone). */
export const CONSOLE_MISSING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Flagstaff: build the console</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Flagstaff is running; its console is not built</h1>
<p>Build it from the repository root, then reload this page:</p>
<pre style="background: #f1f3f8; padding: 0.75rem 1rem; border-radius: 6px">npm run build</pre>
<p>(<code>npm start</code> builds it too.) Meanwhile the admin API answers GraphQL at
<a href="/graphql">/graphql</a> with <code>Authorization: Bearer &lt;admin token&gt;</code>.</p>
<p>Health: <a href="/healthz">/healthz</a> · readiness: <a href="/readyz">/readyz</a></p>
</body>
</html>
`;
