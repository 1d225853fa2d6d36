/**
 * A real OpenID provider in a child process (./oidc-provider.mjs), and a minimal browser for
 * its sign-in page: follows redirects with the provider's cookies until the provider sends the
 * browser back to the client's redirect URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OidcConfig } from '../../src/config/app-config.js';

const here = dirname(fileURLToPath(import.meta.url));

export const PROVIDER_PASSWORD = 'Idp-Pass-2024';
export const CLIENT_ID = 'zipin';
export const CLIENT_SECRET = 'zipin-client-secret-for-tests';
/** The app under test is reached through supertest; this origin only has to match at the provider. */
export const APP_ORIGIN = 'http://zipin.test';

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

export async function startOidcProvider(): Promise<RunningProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(here, 'oidc-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_REDIRECT_URIS: `${APP_ORIGIN}/api/auth/oidc/callback`, OIDC_TEST_POST_LOGOUT_URIS: `${APP_ORIGIN}/login` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d) => {
      output += d;
      const m = /ISSUER (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`provider exited (${code}):\n${output}`)));
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function oidcSettings(issuer: string, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrl: `${APP_ORIGIN}/api/auth/oidc/callback`,
    postLogoutUrl: `${APP_ORIGIN}/login`,
    scope: 'openid profile',
    claim: 'preferred_username',
    match: 'username',
    buttonLabel: '统一身份认证登录',
    ...overrides,
  };
}

/** The provider's cookies of one browser, kept across its pages. */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    this.remember(res);
    return res;
  }

  /**
   * Opens `url` (an authorization request), signs in as `login` when the provider asks, and
   * returns the address the provider sends the browser back to. `authAge` makes the provider
   * report an authentication that long ago (seconds).
   */
  async signIn(url: string, login: string, { password = PROVIDER_PASSWORD, authAge = 0 }: { password?: string; authAge?: number } = {}): Promise<URL> {
    let next = url;
    for (let hop = 0; hop < 12; hop++) {
      if (next.startsWith(APP_ORIGIN)) return new URL(next);
      const res = await this.send(next);
      const location = res.headers.get('location');
      if (location) {
        next = new URL(location, next).href;
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`the provider answered ${res.status} without a sign-in form:\n${html.slice(0, 500)}`);
      const posted = await this.send(new URL(action, next).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password, auth_age: String(authAge) }).toString(),
      });
      const back = posted.headers.get('location');
      if (!back) throw new Error(`the provider refused the sign-in (${posted.status}): ${(await posted.text()).slice(0, 300)}`);
      next = new URL(back, next).href;
    }
    throw new Error('too many redirects at the provider');
  }
}

/** The value of a cookie the app set on a supertest response. */
export function cookieFrom(res: { headers: Record<string, unknown> }, name: string): string | null {
  const set = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  for (const line of set) {
    const [pair] = line.split(';');
    if (pair!.startsWith(`${name}=`)) return pair!.slice(name.length + 1) || null;
  }
  return null;
}
