// POST /v1/auth/token, the endpoint behind `flywheel login`.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseUrl, makeTenancy } from "../test/fixtures";

const tokenBody = z.object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int().positive() });
const errorBody = z.object({ error: z.object({ code: z.string(), status: z.number(), detail: z.string() }) });

const post = (body: string) =>
  fetch(`${baseUrl()}/v1/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("POST /v1/auth/token", () => {
  it("answers a user access token that authenticates the API for the user's apps", async () => {
    const t = await makeTenancy("tok");
    const res = await post(JSON.stringify({ email: t.email.toUpperCase(), password: t.password }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = tokenBody.parse(await res.json());
    const [, payload] = body.access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    expect(claims.sub).toBe(t.userId);
    expect(claims.exp - claims.iat).toBe(body.expires_in);

    const exp = await fetch(`${baseUrl()}/v1/traces/export?appId=${t.appId}&limit=1`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(exp.status).toBe(200);
    await exp.body?.cancel();
    const other = await makeTenancy("tok2");
    const denied = await fetch(`${baseUrl()}/v1/traces/export?appId=${other.appId}`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(denied.status).toBe(403);
  });

  it("401 for a wrong password or an unknown email, with the same message", async () => {
    const t = await makeTenancy("tokbad");
    const wrong = await post(JSON.stringify({ email: t.email, password: "wrong-password" }));
    const unknown = await post(JSON.stringify({ email: "nobody@example.test", password: "wrong-password" }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [errorBody.parse(await wrong.json()), errorBody.parse(await unknown.json())];
    expect(a.error.detail).toBe(b.error.detail);
  });

  it("400 naming the field for a body that is not JSON or lacks a field", async () => {
    const notJson = await post("email=a&password=b");
    expect(notJson.status).toBe(400);
    errorBody.parse(await notJson.json());
    const noPassword = await post(JSON.stringify({ email: "a@b.test" }));
    expect(noPassword.status).toBe(400);
    const body = z.object({ error: z.object({ invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })) }) }).parse(await noPassword.json());
    expect(body.error.invalid_params.map((p) => p.name)).toEqual(["password"]);
  });
});
