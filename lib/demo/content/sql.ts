// Text-to-SQL for Acme's analytics copilot: the question, the SQL the model writes, the rows the
// warehouse returns (numbers drawn per trace) and the explanation.
import type { Rng } from "../prng";

export const SQL_SYSTEM = `You translate questions into PostgreSQL for Acme's analytics warehouse, call run_sql, then explain the result in one or two sentences.
Schema:
  customers(id, email, plan, country, created_at)
  orders(id, customer_id, total_usd, status, created_at)
  devices(id, customer_id, model, firmware, last_seen_at)
Only SELECT statements. Always add a LIMIT.`;

export interface SqlQuestion {
  questions: string[];
  sql: string;
  /** a first attempt that fails, as models do, with the warehouse's error */
  mistake?: { sql: string; error: string };
  result: (rng: Rng) => { columns: string[]; rows: (string | number)[][] };
  explain: (rows: (string | number)[][]) => string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export const SQL_QUESTIONS: SqlQuestion[] = [
  {
    questions: ["How many new customers signed up each week this month?", "weekly signups for the last 4 weeks"],
    sql: "SELECT date_trunc('week', created_at) AS week, count(*) AS signups\nFROM customers\nWHERE created_at >= now() - interval '4 weeks'\nGROUP BY 1\nORDER BY 1\nLIMIT 10;",
    mistake: {
      sql: "SELECT date_trunc('week', signup_date) AS week, count(*) FROM customers WHERE signup_date >= now() - interval '4 weeks' GROUP BY 1 LIMIT 10;",
      error: 'ERROR: column "signup_date" does not exist\nLINE 1: SELECT date_trunc(\'week\', signup_date) AS week, count(*) FROM...\n                                  ^',
    },
    result: (rng) => ({ columns: ["week", "signups"], rows: [0, 1, 2, 3].map((w) => [`2026-W${44 + w}`, rng.int(380, 720)]) }),
    explain: (rows) => `Sign-ups per week were ${rows.map((r) => fmt(Number(r[1]))).join(", ")}; the latest week had ${fmt(Number(rows[3][1]))} new customers.`,
  },
  {
    questions: ["What's our revenue by country, top 5?", "Top 5 countries by order revenue"],
    sql: "SELECT c.country, round(sum(o.total_usd), 2) AS revenue_usd\nFROM orders o JOIN customers c ON c.id = o.customer_id\nWHERE o.status = 'paid'\nGROUP BY c.country\nORDER BY revenue_usd DESC\nLIMIT 5;",
    result: (rng) => {
      let top = rng.int(180000, 260000);
      return { columns: ["country", "revenue_usd"], rows: ["US", "DE", "GB", "FR", "JP"].map((c) => [c, (top = Math.round(top * rng.float(0.45, 0.8)))]) };
    },
    explain: (rows) => `${rows[0][0]} leads with $${fmt(Number(rows[0][1]))} in paid orders, followed by ${rows[1][0]} ($${fmt(Number(rows[1][1]))}) and ${rows[2][0]} ($${fmt(Number(rows[2][1]))}).`,
  },
  {
    questions: ["Which firmware versions are still active on more than 100 devices?", "firmware distribution across active devices"],
    sql: "SELECT firmware, count(*) AS devices\nFROM devices\nWHERE last_seen_at > now() - interval '7 days'\nGROUP BY firmware\nHAVING count(*) > 100\nORDER BY devices DESC\nLIMIT 20;",
    mistake: {
      sql: "SELECT firmware, count(*) AS devices FROM devices WHERE last_seen > now() - interval '7 days' GROUP BY firmware HAVING devices > 100 LIMIT 20;",
      error: 'ERROR: column "last_seen" does not exist\nHINT:  Perhaps you meant to reference the column "devices.last_seen_at".',
    },
    result: (rng) => ({ columns: ["firmware", "devices"], rows: [["4.2.1", rng.int(9000, 14000)], ["4.2.0", rng.int(2000, 5000)], ["4.1.7", rng.int(400, 1500)], ["3.9.2", rng.int(101, 300)]] }),
    explain: (rows) => `${rows.length} firmware versions are active on more than 100 devices; ${rows[0][0]} dominates with ${fmt(Number(rows[0][1]))} devices, and ${fmt(Number(rows[3][1]))} devices still run the old ${rows[3][0]}.`,
  },
  {
    questions: ["Average order value for Pro vs Enterprise customers?", "AOV by plan"],
    sql: "SELECT c.plan, round(avg(o.total_usd), 2) AS avg_order_usd, count(*) AS orders\nFROM orders o JOIN customers c ON c.id = o.customer_id\nGROUP BY c.plan\nORDER BY avg_order_usd DESC\nLIMIT 5;",
    result: (rng) => ({
      columns: ["plan", "avg_order_usd", "orders"],
      rows: [["enterprise", rng.int(41000, 52000) / 100, rng.int(800, 1400)], ["pro", rng.int(9000, 14000) / 100, rng.int(6000, 9000)], ["free", rng.int(4000, 6000) / 100, rng.int(9000, 15000)]],
    }),
    explain: (rows) => `Enterprise customers spend $${rows[0][1]} per order on average versus $${rows[1][1]} for Pro, about ${(Number(rows[0][1]) / Number(rows[1][1])).toFixed(1)}× more.`,
  },
  {
    questions: ["How many orders were refunded last month, and what's the refund rate?", "refund rate last month"],
    sql: "SELECT count(*) FILTER (WHERE status = 'refunded') AS refunded,\n       round(100.0 * count(*) FILTER (WHERE status = 'refunded') / count(*), 2) AS refund_rate_pct\nFROM orders\nWHERE created_at >= date_trunc('month', now()) - interval '1 month'\n  AND created_at < date_trunc('month', now())\nLIMIT 1;",
    result: (rng) => ({ columns: ["refunded", "refund_rate_pct"], rows: [[rng.int(120, 260), rng.int(150, 320) / 100]] }),
    explain: (rows) => `Last month ${rows[0][0]} orders were refunded, a refund rate of ${rows[0][1]}%.`,
  },
];
