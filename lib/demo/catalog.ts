// The cast of the demo: models with list prices, the users of Acme's assistant, and the settings a
// real deployment stamps on every span (env, region, tier …) so the dashboard's filters have something to bite.

export interface ModelInfo {
  name: string;
  /** gen_ai.system, as OpenTelemetry's GenAI conventions name the provider */
  system: string;
  /** the dated model the provider answers with (gen_ai.response.model) */
  responseModel: string;
  /** USD per million tokens */
  inputPrice: number;
  outputPrice: number;
  /** time to first token and per output token, in ms */
  ttftMs: number;
  msPerToken: number;
  /** mean of the eval scores its answers get: makes model comparisons in the dashboard meaningful */
  quality: number;
}

export const MODELS = {
  "gpt-4o": { name: "gpt-4o", system: "openai", responseModel: "gpt-4o-2024-08-06", inputPrice: 2.5, outputPrice: 10, ttftMs: 420, msPerToken: 14, quality: 0.86 },
  "gpt-4o-mini": { name: "gpt-4o-mini", system: "openai", responseModel: "gpt-4o-mini-2024-07-18", inputPrice: 0.15, outputPrice: 0.6, ttftMs: 310, msPerToken: 8, quality: 0.77 },
  "claude-3-5-sonnet": { name: "claude-3-5-sonnet", system: "anthropic", responseModel: "claude-3-5-sonnet-20241022", inputPrice: 3, outputPrice: 15, ttftMs: 650, msPerToken: 17, quality: 0.88 },
  "claude-3-5-haiku": { name: "claude-3-5-haiku", system: "anthropic", responseModel: "claude-3-5-haiku-20241022", inputPrice: 0.8, outputPrice: 4, ttftMs: 380, msPerToken: 9, quality: 0.76 },
  "llama-3.1-70b": { name: "llama-3.1-70b", system: "meta", responseModel: "meta-llama/Llama-3.1-70B-Instruct", inputPrice: 0.88, outputPrice: 0.88, ttftMs: 520, msPerToken: 12, quality: 0.72 },
} as const satisfies Record<string, ModelInfo>;

export type ModelName = keyof typeof MODELS;

export type Tier = "free" | "pro" | "enterprise";

export interface DemoUser {
  id: string;
  /** a display name for greetings; some are deliberately non-ASCII */
  name: string;
  locale: string;
  region: string;
  tier: Tier;
  /** in the beta cohort: their traces carry the `beta` tag */
  beta: boolean;
  /** an enterprise customer with content capture switched off: their generations have no messages */
  privacyMode?: boolean;
}

export const USERS: readonly DemoUser[] = [
  { id: "user_ana_souza", name: "Ana Souza", locale: "pt-BR", region: "sa-east-1", tier: "pro", beta: false },
  { id: "user_ben_carter", name: "Ben Carter", locale: "en-US", region: "us-east-1", tier: "enterprise", beta: true },
  { id: "user_chen_wei", name: "Chen Wei (陈伟)", locale: "zh-CN", region: "ap-southeast-1", tier: "pro", beta: false },
  { id: "user_dmitri_ivanov", name: "Dmitri Ivanov", locale: "en-GB", region: "eu-central-1", tier: "free", beta: false },
  { id: "user_fatima_khan", name: "Fatima Khan", locale: "en-GB", region: "eu-west-1", tier: "pro", beta: true },
  { id: "user_gabriel_rossi", name: "Gabriel Rossi", locale: "it-IT", region: "eu-west-1", tier: "free", beta: false },
  { id: "user_hana_suzuki", name: "Hana Suzuki (鈴木花)", locale: "ja-JP", region: "ap-northeast-1", tier: "enterprise", beta: false },
  { id: "user_isaac_cohen", name: "Isaac Cohen", locale: "en-US", region: "us-west-2", tier: "pro", beta: false },
  { id: "user_julia_novak", name: "Julia Nováková", locale: "cs-CZ", region: "eu-central-1", tier: "free", beta: false },
  { id: "user_kwame_mensah", name: "Kwame Mensah", locale: "en-US", region: "us-east-1", tier: "pro", beta: true },
  { id: "user_lucia_fernandez", name: "Lucía Fernández", locale: "es-ES", region: "eu-west-1", tier: "enterprise", beta: false },
  { id: "user_mateo_garcia", name: "Mateo García", locale: "es-MX", region: "us-west-2", tier: "free", beta: false },
  { id: "user_nora_lindqvist", name: "Nora Lindqvist", locale: "sv-SE", region: "eu-north-1", tier: "pro", beta: false },
  { id: "user_olivia_brown", name: "Olivia Brown", locale: "en-US", region: "us-east-1", tier: "enterprise", beta: true },
  { id: "user_priya_patel", name: "Priya Patel", locale: "en-IN", region: "ap-south-1", tier: "pro", beta: false },
  { id: "user_quentin_dubois", name: "Quentin Dubois", locale: "fr-FR", region: "eu-west-3", tier: "free", beta: false },
  { id: "user_ravi_kumar", name: "Ravi Kumar", locale: "en-IN", region: "ap-south-1", tier: "free", beta: false },
  { id: "user_sofia_costa", name: "Sofia Costa", locale: "pt-PT", region: "eu-west-1", tier: "pro", beta: false },
  { id: "user_tom_obrien", name: "Tom O'Brien", locale: "en-IE", region: "eu-west-1", tier: "enterprise", beta: false },
  { id: "user_emma_schmidt", name: "Emma Schmidt", locale: "de-DE", region: "eu-central-1", tier: "enterprise", beta: false, privacyMode: true },
];

/** The assistant's features; each becomes a trace shape (workloads/) and a `feature` metadata value. */
export const FEATURES = [
  ["support-chat", 25],
  ["support-agent", 20],
  ["docs-qa", 17],
  ["code-assistant", 12],
  ["sql-copilot", 9],
  ["doc-summary", 8],
  ["translator", 5],
  ["sales-assistant", 4],
] as const;

export type Feature = (typeof FEATURES)[number][0];

/** Tags a feature's traces carry besides env/beta; `support` and `sales` are the team that owns them. */
export const FEATURE_TAGS: Record<Feature, string[]> = {
  "support-chat": ["support", "chat"],
  "support-agent": ["support", "agent", "tools"],
  "docs-qa": ["rag", "docs"],
  "code-assistant": ["coding", "chat"],
  "sql-copilot": ["sql", "analytics", "tools"],
  "doc-summary": ["summarization", "batch"],
  translator: ["translation"],
  "sales-assistant": ["sales", "outreach"],
};

export const APP_VERSIONS = [
  ["2.14.0", 60],
  ["2.13.2", 28],
  // the old SDK on this version never set a span status: its spans stay STATUS_CODE_UNSET
  ["2.12.5", 12],
] as const;
