// The dashboard's session over real HTTP, the way a browser drives next-auth: sign in through the real
// credentials flow (the Cookie header a browser would then send), sign out, and the raw answers of both.

type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    const name = pair.slice(0, i);
    const value = pair.slice(i + 1);
    if (value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieOf = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

function jarOf(cookie?: string): Jar {
  const jar: Jar = new Map();
  for (const part of (cookie ?? "").split(/;\s*/).filter(Boolean)) {
    const i = part.indexOf("=");
    jar.set(part.slice(0, i), part.slice(i + 1));
  }
  return jar;
}

async function csrf(baseUrl: string, jar: Jar): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: cookieOf(jar) } });
  keep(jar, res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

export interface CredentialsAttempt {
  /** next-auth's answer: 200 {url} on success, 401 (wrong credentials) or 429 (throttled) {url: …?error=…}. */
  res: Response;
  /** The cookies after the attempt (the session cookie among them on success). */
  cookie: string;
}

/** One POST to next-auth's credentials callback, as the login form's signIn(…, {redirect: false}) sends it. */
export async function credentialsLogin(
  baseUrl: string,
  email: string,
  password: string,
  opts: { headers?: Record<string, string>; callbackUrl?: string } = {},
): Promise<CredentialsAttempt> {
  const jar: Jar = new Map();
  const csrfToken = await csrf(baseUrl, jar);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(jar), ...opts.headers },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: opts.callbackUrl ?? `${baseUrl}/traces`, json: "true" }),
  });
  keep(jar, res);
  return { res, cookie: cookieOf(jar) };
}

/** Signs in through next-auth's real credentials flow and returns the Cookie header a browser would send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string | undefined> {
  const { cookie } = await credentialsLogin(baseUrl, email, password);
  return /next-auth\.session-token=/.test(cookie) ? cookie : undefined;
}

/** Signs out the way the dashboard's button does (next-auth's signOut): the answer, and the cookies after it. */
export async function signOut(baseUrl: string, cookie: string, callbackUrl = "/login"): Promise<CredentialsAttempt> {
  const jar = jarOf(cookie);
  const csrfToken = await csrf(baseUrl, jar);
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(jar) },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  keep(jar, res);
  return { res, cookie: cookieOf(jar) };
}
