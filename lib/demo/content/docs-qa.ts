// Developer-docs questions answered by retrieval (the rag-pipeline traces): each entry has the
// question's phrasings, the chunks the vector search returns and an answer that cites them.

export interface DocChunk {
  doc_id: string;
  title: string;
  text: string;
}

export interface DocsQuestion {
  questions: string[];
  chunks: DocChunk[];
  answer: string;
}

export const DOCS_SYSTEM = `Answer questions about the Acme developer platform using ONLY the context below.
Cite sources as [1], [2]… If the context does not contain the answer, say "I don't know".

Context:
{context}`;

export const DOCS_QUESTIONS: DocsQuestion[] = [
  {
    questions: ["What are the API rate limits?", "how many requests per minute can I make to the Acme API?", "Do rate limits apply per key or per account?"],
    chunks: [
      { doc_id: "docs/api/rate-limits.md#overview", title: "Rate limits", text: "Each API key may make 600 requests per minute; bursts up to 100 requests per second are allowed. Limits apply per key, not per account." },
      { doc_id: "docs/api/errors.md#429", title: "Errors: 429", text: "When a limit is exceeded the API answers 429 Too Many Requests with a Retry-After header (seconds)." },
    ],
    answer: "Each API key can make 600 requests per minute, with bursts of up to 100 requests per second [1]. Limits are per key, not per account [1]. When you exceed them you get a 429 with a `Retry-After` header telling you how many seconds to wait [2].",
  },
  {
    questions: ["How do I verify webhook signatures?", "webhook signature check in node?", "What header carries the webhook signature?"],
    chunks: [
      { doc_id: "docs/webhooks/security.md#signatures", title: "Verifying webhooks", text: "Every webhook carries an Acme-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" with your endpoint secret>. Reject events older than 5 minutes." },
      { doc_id: "docs/webhooks/retries.md", title: "Retries", text: "Failed deliveries (non-2xx) are retried with exponential backoff for up to 3 days." },
    ],
    answer: "Read the `Acme-Signature` header, which looks like `t=1718000000,v1=5f2b…` [1]. Compute HMAC-SHA256 over `\"<t>.<raw body>\"` with your endpoint secret and compare it to `v1` in constant time; reject events whose `t` is older than 5 minutes [1]. In Node:\n\n```js\nconst [t, v1] = header.split(\",\").map((p) => p.split(\"=\")[1]);\nconst mac = crypto.createHmac(\"sha256\", secret).update(`${t}.${rawBody}`).digest(\"hex\");\nconst ok = crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(v1));\n```",
  },
  {
    questions: ["How does pagination work in list endpoints?", "what's the max page size for /v2/devices?", "cursor vs offset pagination?"],
    chunks: [
      { doc_id: "docs/api/pagination.md", title: "Pagination", text: "List endpoints are cursor-paginated: pass ?limit= (1–100, default 20) and the next_cursor from the previous page as ?cursor=. Offsets are not supported." },
    ],
    answer: "List endpoints use cursor pagination: pass `limit` (1–100, default 20) and, for the next page, the previous response's `next_cursor` as `cursor` [1]. Offset pagination isn't supported [1], so `/v2/devices` returns at most 100 items per page.",
  },
  {
    questions: ["How long is device history kept?", "data retention for sensor readings?", "Can I export all my data (GDPR)?"],
    chunks: [
      { doc_id: "docs/data/retention.md", title: "Data retention", text: "Sensor readings are kept 30 days on Pro and 13 months on Enterprise. Free plans keep 24 hours." },
      { doc_id: "docs/data/export.md", title: "Exporting your data", text: "Settings → Privacy → \"Export my data\" produces a ZIP (JSON + CSV) within 24 hours, as required by GDPR Art. 20." },
    ],
    answer: "Readings are kept for 24 hours on Free, 30 days on Pro and 13 months on Enterprise [1]. You can export everything at any time under Settings → Privacy → \"Export my data\"; you'll receive a ZIP with JSON and CSV files within 24 hours [2].",
  },
  {
    questions: ["How do I install the Python SDK?", "pip install fails with 'No matching distribution found for acme-sdk'", "Which Python versions does the SDK support?"],
    chunks: [
      { doc_id: "docs/sdk/python.md#install", title: "Python SDK", text: "pip install acme-iot (the package is acme-iot, not acme-sdk). Requires Python 3.9+." },
    ],
    answer: "The package is called `acme-iot`, not `acme-sdk` [1]:\n\n```sh\npip install acme-iot\n```\n\nIt needs Python 3.9 or newer [1].",
  },
  {
    questions: ["Is there a GraphQL API?", "Do you support gRPC streaming for telemetry?"],
    chunks: [{ doc_id: "docs/api/overview.md", title: "API overview", text: "The Acme API is a REST API over HTTPS with JSON bodies. Real-time updates are delivered via webhooks or server-sent events." }],
    answer: "I don't know of a GraphQL or gRPC API: the docs describe a REST API with JSON bodies, plus webhooks and server-sent events for real-time updates [1].",
  },
];
