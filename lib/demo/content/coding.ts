// Coding-help conversations for the code assistant: real questions with code in them, so the content
// has backticks, quotes, braces and multi-line text.

export const CODING_SYSTEM = "You are a senior software engineer helping developers who integrate with Acme's SDKs. Answer with short explanations and runnable code. Prefer TypeScript unless the user writes another language.";

export interface CodingPair {
  question: string;
  answer: string;
}

export const CODING_PAIRS: CodingPair[] = [
  {
    question: "Why does this print `undefined`?\n\n```js\nconst devices = ids.map(async (id) => await client.devices.get(id));\nconsole.log(devices[0].name);\n```",
    answer: "`map` with an `async` callback returns an array of **Promises**, not devices, so `devices[0].name` reads `name` from a Promise. Await them all:\n\n```ts\nconst devices = await Promise.all(ids.map((id) => client.devices.get(id)));\nconsole.log(devices[0].name);\n```\n\nIf you have many ids, batch them (e.g. 10 at a time) to stay under the 600 req/min limit.",
  },
  {
    question: "How do I retry on 429 with exponential backoff in Python? Using requests.",
    answer: "Use `urllib3`'s `Retry`, which honours `Retry-After`:\n\n```python\nfrom requests import Session\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\nsession = Session()\nretry = Retry(total=5, backoff_factor=0.5, status_forcelist=[429, 502, 503], respect_retry_after_header=True)\nsession.mount(\"https://\", HTTPAdapter(max_retries=retry))\n```\n\n`backoff_factor=0.5` waits 0.5 s, 1 s, 2 s, … between attempts.",
  },
  {
    question: "TypeScript says `Property 'temperature' does not exist on type 'Reading | undefined'`. I already checked `if (readings.length)`!",
    answer: "`readings.length` being truthy doesn't narrow `readings[0]` — with `noUncheckedIndexedAccess` every index access is `T | undefined`. Narrow the element itself:\n\n```ts\nconst first = readings[0];\nif (first) {\n  console.log(first.temperature);\n}\n```\n\nor use `readings.at(0)?.temperature`.",
  },
  {
    question: "What's the difference between `==` and `===` in JS? My check `if (status == \"0\")` is true for status 0",
    answer: "`==` converts types before comparing (so `0 == \"0\"` and even `\"\" == 0` are `true`); `===` compares without conversion. Use `===` everywhere: `if (status === 0)`. ESLint's `eqeqeq` rule enforces it.",
  },
  {
    question: "Go: how do I stop a goroutine that polls the device API every 5s?",
    answer: "Pass a `context.Context` and select on `ctx.Done()`:\n\n```go\nfunc poll(ctx context.Context, c *acme.Client) {\n\tticker := time.NewTicker(5 * time.Second)\n\tdefer ticker.Stop()\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\tcase <-ticker.C:\n\t\t\tif _, err := c.Devices.List(ctx); err != nil {\n\t\t\t\tlog.Printf(\"poll: %v\", err)\n\t\t\t}\n\t\t}\n\t}\n}\n```\n\nCall `cancel()` on the context to stop it.",
  },
  {
    question: "regex to validate our device serials? format is 2 letters, dash, 6 digits, optional suffix like -B",
    answer: "```ts\nconst SERIAL = /^[A-Z]{2}-\\d{6}(?:-[A-Z])?$/;\nSERIAL.test(\"TH-004211\");   // true\nSERIAL.test(\"TH-004211-B\"); // true\nSERIAL.test(\"th-4211\");     // false\n```\n\nAdd the `i` flag if lowercase letters are allowed.",
  },
  {
    question: "My React component re-renders forever when I fetch devices in useEffect. Code:\n\n```tsx\nuseEffect(() => { fetchDevices().then(setDevices) }, [filters])\n```\nfilters is `{ room: \"kitchen\" }` defined in the component.",
    answer: "`filters` is a new object on every render, so the effect's dependency changes every time → fetch → setState → render → new `filters` → … Either define it outside the component, memoise it (`useMemo(() => ({ room }), [room])`), or depend on the primitive: `[filters.room]`. Better still, let React Query cache it: `useQuery({ queryKey: [\"devices\", room], queryFn: () => fetchDevices({ room }) })`.",
  },
  {
    question: "How to parse a CSV export where some fields contain commas and \"quotes\" inside?",
    answer: "Don't `split(\",\")` — RFC 4180 fields can be quoted and contain commas, quotes (doubled as `\"\"`) and newlines. Use a parser:\n\n```ts\nimport Papa from \"papaparse\";\nconst { data, errors } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });\n```\n\nIn Python, the built-in `csv` module handles it: `csv.DictReader(f)`.",
  },
  {
    question: "Is it safe to store the API key in localStorage for our dashboard?",
    answer: "No. Anything in `localStorage` is readable by any script on the page, so one XSS leaks the key. Keep the key on your server and have the browser call your backend with a session cookie (`HttpOnly`, `Secure`, `SameSite=Lax`); your backend adds the `Authorization: Bearer …` header.",
  },
];

export const CODING_FOLLOW_UPS: [string, string][] = [
  ["perfect, that fixed it", "Great! 🎉 If you hit the rate limit with many ids, `p-limit` makes batching a one-liner."],
  ["can you show the same in Python?", "Sure:\n\n```python\nimport asyncio\n\ndevices = await asyncio.gather(*(client.devices.get(i) for i in ids))\nprint(devices[0].name)\n```"],
  ["why is that better?", "It makes the intent explicit and fails loudly: the type checker (or linter) now catches the mistake at build time instead of in production."],
];
