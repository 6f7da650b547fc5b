// A real OpenID provider for the tests: panva's certified oidc-provider, on loopback, with one login form.
//
//   node tests/oidc_provider/provider.mjs <settings.json>
//
// settings.json: {"port": 4001, "issuer": "http://127.0.0.1:4001",
//                 "clients": [{"client_id": "...", "client_secret": "...", "redirect_uris": ["..."]}],
//                 "accounts": {"<login>": {"sub": "...", "email": "...", "email_verified": true, "name": "..."}}}
//
// The login form asks only for a login name from "accounts" (a provider's own password and second factor
// are its business, not the service's); consent is given for every client, as for an organisation's own
// applications. Prints "listening" once the discovery document is served.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const settings = JSON.parse(readFileSync(process.argv[2], "utf8"));
const accounts = settings.accounts;
const bySubject = Object.fromEntries(Object.values(accounts).map((account) => [account.sub, account]));
const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(settings.issuer, {
  clients: settings.clients,
  jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
  cookies: { keys: ["test-provider-cookie-key"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = bySubject[sub];
    return account && { accountId: sub, claims: async () => ({ ...account }) };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

function loginPage(uid, error) {
  return `<!DOCTYPE html><html lang="en"><head><title>Test provider</title></head><body>
<h1>Test provider sign-in</h1>${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}">
<label for="login">Login</label><input id="login" name="login" autocomplete="username">
<button type="submit">Sign in</button></form></body></html>`;
}

async function formBody(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === "GET") {
    ctx.type = "html";
    ctx.body = loginPage(details.uid);
    return undefined;
  }
  const login = (await formBody(ctx.req)).get("login") || "";
  const account = accounts[login];
  if (!account) {
    ctx.status = 400;
    ctx.type = "html";
    ctx.body = loginPage(details.uid, "Unknown login");
    return undefined;
  }
  const result = { login: { accountId: account.sub } };
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  return undefined;
});

provider.listen(settings.port, "127.0.0.1", () => console.log("listening"));
