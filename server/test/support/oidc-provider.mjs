// A real OpenID Connect provider (the oidc-provider package) for tests and browser journeys:
// its own sign-in page, any login name with the provider's one password, and for each name the
// claims sub, preferred_username and staff_no. Run it as a child process
// (`node oidc-provider.mjs` with OIDC_TEST_* variables; it prints `ISSUER <url>` once it
// listens) or import startProvider().
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import Provider from 'oidc-provider';

/** What the provider's sign-in page accepts as the password of every login name. */
export const PROVIDER_PASSWORD = 'Idp-Pass-2024';

/** The claims of a login name; staff_no stands for an external id such as a 工号. */
export function claimsOf(login) {
  return { sub: `sub-${login}`, preferred_username: login, name: login, staff_no: `S-${login}` };
}

const page = (title, body) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>body{font-family:sans-serif;background:#eef2f7;margin:0}main{width:340px;margin:80px auto;background:#fff;padding:24px 28px;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.12)}
h1{font-size:18px;margin:0 0 16px}label{display:block;font-size:13px;margin:10px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;font-size:14px}
button{margin-top:16px;width:100%;padding:10px;font-size:15px;background:#1d4ed8;color:#fff;border:0;border-radius:4px;cursor:pointer}p.err{color:#b91c1c;font-size:13px}</style></head>
<body><main>${body}</main></body></html>`;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(req) {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(raw))));
    req.on('error', reject);
  });
}

/**
 * Starts the provider on `port` (0: a free one). The client may use `redirectUris` and
 * `postLogoutRedirectUris`. A sign-in form may carry `auth_age` (seconds): the provider then
 * reports that the person authenticated that long ago, as a provider that ignores prompt=login would.
 */
export async function startProvider({ port = 0, clientId = 'zipin', clientSecret = 'zipin-client-secret-for-tests', redirectUris, postLogoutRedirectUris = [] }) {
  const server = createServer();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, post_logout_redirect_uris: postLogoutRedirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    cookies: { keys: ['zipin-test-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'staff_no'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('退出统一身份认证', `<h1>退出统一身份认证？</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-logout">确认退出</button>`);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: () => claimsOf(id.replace(/^sub-/, '')) };
    },
    // The client is the provider's own first party: no consent screen.
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('出错了', `<h1>统一身份认证出错</h1><p class="err">${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p>`);
    },
  });
  const handle = provider.callback();

  server.on('request', async (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url.split('?')[0]);
    if (!m) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        const again = details.params.prompt === 'login' ? '<p>请再次输入统一身份认证密码以确认是您本人操作。</p>' : '';
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(
          page(
            '统一身份认证平台',
            `<h1>统一身份认证平台</h1>${again}<form method="post" action="/interaction/${details.uid}/login" autocomplete="off">
<label for="login">账号</label><input id="login" name="login" required>
<label for="password">密码</label><input id="password" name="password" type="password" required>
<button type="submit" id="provider-submit">登录</button></form>`,
          ),
        );
        return;
      }
      const form = await readForm(req);
      if (!form.login || form.password !== PROVIDER_PASSWORD) {
        res.statusCode = 401;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page('统一身份认证平台', '<h1>统一身份认证平台</h1><p class="err">账号或密码错误</p>'));
        return;
      }
      const age = Number(form.auth_age ?? 0) || 0;
      const ts = Math.floor(Date.now() / 1000) - age;
      await provider.interactionFinished(req, res, { login: { accountId: `sub-${form.login}`, ts } }, { mergeWithLastSubmission: false });
    } catch (err) {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page('出错了', `<p class="err">${escapeHtml(err.message)}</p>`));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const split = (v) => (v ? v.split(',').filter(Boolean) : []);
  const p = await startProvider({
    port: Number(process.env.OIDC_TEST_PORT ?? 0),
    redirectUris: split(process.env.OIDC_TEST_REDIRECT_URIS),
    postLogoutRedirectUris: split(process.env.OIDC_TEST_POST_LOGOUT_URIS),
  });
  console.log(`ISSUER ${p.issuer}`);
  process.on('SIGTERM', async () => {
    await p.close();
    process.exit(0);
  });
}
