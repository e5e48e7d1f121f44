// The bulk export routes (SPEC §7) as the CLI calls them: create, read, list, cancel, and a job's file
// as a streaming response. Every answer is parsed with the contract's schema (exportJobSchema), so a
// server that answers something else is a clear failure here, not a crash later.
import { z } from "zod";
import { exportJobListSchema, exportJobSchema, type CreateJobInput, type ExportJob } from "../../lib/core/export-jobs/contract";
import { CliError, EXIT, unavailable, usageError } from "./cli-error";
import { authHeaders, type Connection } from "./connection";
import { errorFromResponse, send } from "./http";

/** A job id as typed on the command line: refused before any request when it cannot be one. */
const jobIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a job id as `flywheel export list` shows it (letters, digits, _ and -)");

export function parseJobId(text: string): string {
  const r = jobIdSchema.safeParse(text);
  if (!r.success) throw usageError(`ID ${r.error.issues[0].message} (got "${text}")`);
  return r.data;
}

const AUTH_HINT: Record<Connection["auth"]["kind"], (appId: string) => string> = {
  api_key: (appId) => `Check the API key, and that app "${appId}" belongs to its tenant.`,
  jwt: (appId) => `Your login may have expired (run flywheel login), or you are not a member of app "${appId}"'s tenant.`,
};

export class JobsApi {
  constructor(readonly conn: Connection) {}

  /** The route's URL; a JWT names the app in appId= (an API key in X-App-Id). */
  private url(path: string): string {
    const app = this.conn.auth.kind === "jwt" ? `?appId=${encodeURIComponent(this.conn.appId)}` : "";
    return `${this.conn.baseUrl}/v1/exports${path}${app}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...authHeaders(this.conn), "user-agent": "flywheel-cli", ...extra };
  }

  private async fail(res: Response, jobId?: string, file?: string): Promise<CliError> {
    // A job of another app or tenant is a 404, exactly like one that never existed.
    if (res.status === 404 && jobId !== undefined) {
      await res.body?.cancel();
      const what = file === undefined ? `No export job ${jobId} in app "${this.conn.appId}"` : `No file ${file} in export job ${jobId} (deleted, expired, or never written)`;
      return new CliError(EXIT.failure, `${what} (404). \`flywheel export list\` shows the app's jobs.`);
    }
    return errorFromResponse(res, { authHint: AUTH_HINT[this.conn.auth.kind](this.conn.appId) });
  }

  private async json<T>(res: Response, schema: z.ZodType<T>, jobId?: string): Promise<T> {
    if (!res.ok) throw await this.fail(res, jobId);
    const text = await res.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw unavailable(`The server answered ${res.status} with a body that is not JSON`);
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const i = r.error.issues[0];
      throw unavailable(`The server's answer is not an export job as the contract describes it (${i.path.join(".") || "body"}: ${i.message})`);
    }
    return r.data;
  }

  async create(body: CreateJobInput): Promise<ExportJob> {
    const res = await send(this.url(""), {
      method: "POST",
      headers: this.headers({ "content-type": "application/json", accept: "application/json" }),
      body: JSON.stringify(body),
    });
    return this.json(res, exportJobSchema);
  }

  async get(id: string): Promise<ExportJob> {
    const res = await send(this.url(`/${encodeURIComponent(id)}`), { headers: this.headers({ accept: "application/json" }) });
    return this.json(res, exportJobSchema, id);
  }

  async list(): Promise<ExportJob[]> {
    const res = await send(this.url(""), { headers: this.headers({ accept: "application/json" }) });
    return (await this.json(res, exportJobListSchema)).jobs;
  }

  /** Cancels a queued or running job, or deletes a finished job's files; the job as it is now. */
  async cancel(id: string): Promise<ExportJob | undefined> {
    const res = await send(this.url(`/${encodeURIComponent(id)}`), { method: "DELETE", headers: this.headers({ accept: "application/json" }) });
    if (res.status === 204) return undefined;
    return this.json(res, exportJobSchema, id);
  }

  /** A finished job's file, as a response whose body the caller streams. */
  async file(id: string, name: string): Promise<Response> {
    const res = await send(this.url(`/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`), { headers: this.headers() });
    if (!res.ok) throw await this.fail(res, id, name);
    if (!res.body) throw unavailable(`The server sent ${name} with no body`);
    return res;
  }
}
