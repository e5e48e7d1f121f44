// Query strings into validated values, one way for every route: each parameter at most once (unless
// the contract makes it repeatable, like the export's `score`), then the route's zod schema. Every
// problem is reported at once, each naming its parameter.
import type { z } from "zod";
import { invalidInput, invalidParamsOf, NUL_REASON, type InvalidParam } from "./errors";

export interface QueryRecord {
  values: Record<string, string | string[]>;
  problems: InvalidParam[];
}

/** The parameters as an object: a repeatable one as a list, any other given twice is a problem. */
export function queryRecord(params: URLSearchParams, repeatable: readonly string[] = []): QueryRecord {
  // No prototype: a parameter named __proto__ or constructor is a plain (unknown) key, never an inherited one.
  const values: Record<string, string | string[]> = Object.create(null);
  const problems: InvalidParam[] = [];
  for (const [key, value] of params) {
    // Refused by name; the value still takes its place, so the parameter is not also reported missing.
    if (key.includes("\u0000") || value.includes("\u0000")) {
      problems.push({ name: key.replaceAll("\u0000", "\\u0000"), reason: NUL_REASON });
      if (key.includes("\u0000")) continue;
    }
    // zod's strict objects take "__proto__" for a known key (every object has one): named here instead.
    if (key === "__proto__") {
      problems.push({ name: key, reason: "is not a known parameter" });
      continue;
    }
    if (repeatable.includes(key)) ((values[key] ??= []) as string[]).push(value);
    else if (Object.hasOwn(values, key)) problems.push({ name: key, reason: "must be given at most once" });
    else values[key] = value;
  }
  return { values, problems };
}

/** Validates a query string with a zod object schema; a failure is the shared 400 naming each parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, params: URLSearchParams, repeatable: readonly string[] = []): z.output<T> {
  const { values, problems } = queryRecord(params, repeatable);
  const r = schema.safeParse(values);
  const all = r.success ? problems : [...problems, ...invalidParamsOf(r.error)];
  if (all.length || !r.success) throw invalidInput(all, "Invalid query");
  return r.data;
}
