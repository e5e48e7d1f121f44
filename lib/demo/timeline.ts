// When things happen: session start times over the last 30 days (more traffic on weekdays, in
// working hours and in recent weeks, as a growing product sees), and the per-trace template vars.
import { USERS, type DemoUser } from "./catalog";
import { PRODUCTS } from "./content/support";
import { SYMPTOMS } from "./content/support-agent";
import type { Rng } from "./prng";

export const DAY = 86_400_000;
export const WINDOW_DAYS = 30;

/** A start time in (now − 30 days, latestMs], drawn by rejection sampling against the traffic curve. */
export function sampleStart(rng: Rng, nowMs: number, latestMs: number): number {
  const earliest = nowMs - WINDOW_DAYS * DAY + 10 * 60_000;
  const draw = () => earliest + rng.next() * Math.max(0, latestMs - earliest);
  for (let i = 0; i < 200; i++) {
    const t = draw();
    const d = new Date(t);
    const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
    const growth = 1 - (nowMs - t) / (WINDOW_DAYS * DAY) / 2;
    const weekday = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.5 : 1;
    const daytime = 0.2 + 0.8 * Math.max(0, Math.sin((Math.PI * (hour - 5)) / 18)) ** 1.5;
    if (rng.next() < growth * weekday * daytime) return Math.floor(t);
  }
  return Math.floor(draw());
}

/** Some users are much more active than others, as in any product. */
export function pickUser(rng: Rng): DemoUser {
  return rng.weighted(USERS.map((u, i) => [u, 1 / (i / 4 + 1)] as const));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const day = (ms: number) => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
};

/**
 * The {vars} of one trace. The draws never depend on the start time (only the date strings do),
 * so the same seed yields the same ids and content whenever the seed runs.
 */
export function traceVars(rng: Rng, user: DemoUser, startMs: number): Record<string, string | number> {
  const amountValue = rng.pick([9, 12.99, 49, 89.5, 129, 199, 249.99]);
  return {
    first: user.name.split(" ")[0],
    name: user.name,
    tier: user.tier,
    locale: user.locale,
    customer: `cus_${rng.hex(10)}`,
    email: `${user.id.replace(/^user_/, "").replace("_", ".")}@example.com`,
    order: `A-${rng.int(10000, 99999)}`,
    product: rng.pick(PRODUCTS),
    sku: `SKU-${rng.int(100, 999)}`,
    amount: `$${amountValue.toFixed(2)}`,
    amountValue,
    date: day(startMs - rng.int(1, 9) * DAY),
    eta: day(startMs + rng.int(1, 5) * DAY),
    digits: rng.int(1000, 9999),
    ticket: rng.int(48000, 61000),
    symptom: rng.pick(SYMPTOMS),
    priority: user.tier === "enterprise" ? "high" : "normal",
    country: user.locale.split("-")[1] ?? "US",
    pct: rng.int(12, 64),
    customers: String(rng.int(800, 9500)).replace(/(\d)(\d{3})$/, "$1,$2"),
    engineer: rng.pick(["Zoë Martin", "Kenji Watanabe", "Ola Nordmann", "Sipho Dlamini"]),
    reviews: rng.int(18, 140),
    rating: (rng.int(31, 44) / 10).toFixed(1),
    company: rng.pick(["Nordlicht Hotels GmbH", "Parkside Property Mgmt", "Bright Smiles Dental"]),
    promptVersion: rng.pick(["v3", "v4"]),
  };
}
