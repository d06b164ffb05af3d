import { Controller, Get, Header } from '@nestjs/common';

const HOME_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Flagstaff</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Flagstaff</h1>
<p>The server is running. The admin API speaks GraphQL at <a href="/graphql">/graphql</a>
(send <code>Authorization: Bearer &lt;admin token&gt;</code>).</p>
<p>Health: <a href="/healthz">/healthz</a> · readiness: <a href="/readyz">/readyz</a></p>
</body>
</html>
`;

/** The landing page at `/`, until the console is served there. */
@Controller()
export class HomeController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): string {
    return HOME_PAGE;
  }
}
