// Where to go after signing in (SPEC §8: "after login only same-origin paths are followed"). A
// callbackUrl is resolved the way a browser would resolve it against our own origin — so "/\evil.example",
// "/%09/evil.example" (a tab, which URL parsers drop) and "//evil.example" all come out as another
// origin — and only a URL on our origin survives, as a path. Anything else goes to the fallback.

export const DEFAULT_AFTER_LOGIN = "/traces";

/** A same-origin path (path, query and fragment) for `target`, or `fallback`. */
export function sameOriginPath(target: string | null | undefined, ownOrigin: string, fallback = DEFAULT_AFTER_LOGIN): string {
  if (!target) return fallback;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(ownOrigin).origin;
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  // "http://us//evil.example" is our origin, but its path alone would be read as "//evil.example".
  if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
