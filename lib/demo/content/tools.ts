// The tool definitions the demo's models are offered (the span's `tools`, docs/data-model.md), in
// OpenAI's function shape: what a fine-tuning example of these calls carries.
import type { ToolDefinition } from "../../core/ingest/tool-definitions";

const fn = (name: string, description: string, properties: Record<string, object>, required: string[]): ToolDefinition => ({
  type: "function",
  function: { name, description, parameters: { type: "object", properties, required, additionalProperties: false } },
});

/** Everything the support agent may call (its `tools_available` metadata lists the same names). */
export const AGENT_TOOLS: ToolDefinition[] = [
  fn("lookup_customer", "Find a customer by the email address on their account.", { email: { type: "string", format: "email" } }, ["email"]),
  fn("list_invoices", "List a customer's most recent invoices, newest first.", { customer_id: { type: "string" }, limit: { type: "integer", minimum: 1, maximum: 20 } }, ["customer_id"]),
  fn("get_order_status", "Shipping status, carrier and items of an order.", { order_id: { type: "string", description: "Order number, e.g. A-10432" } }, ["order_id"]),
  fn(
    "issue_refund",
    "Refund all or part of an order. At most 500 USD without a manager's approval.",
    { order_id: { type: "string" }, amount: { type: "number", exclusiveMinimum: 0 }, currency: { type: "string", enum: ["USD", "EUR", "GBP"] }, reason: { type: "string" } },
    ["order_id", "amount", "currency", "reason"],
  ),
  fn("search_knowledge_base", "Search the help center articles.", { query: { type: "string" }, top_k: { type: "integer", minimum: 1, maximum: 10 } }, ["query"]),
  fn(
    "create_ticket",
    "Open a ticket for the human support team.",
    { subject: { type: "string" }, priority: { type: "string", enum: ["low", "normal", "high"] }, customer_id: { type: "string" } },
    ["subject", "priority"],
  ),
];

export const SQL_TOOLS: ToolDefinition[] = [
  fn("run_sql", "Run one read-only SQL query on the analytics warehouse and return at most 200 rows.", { query: { type: "string", description: "A single SELECT statement" } }, ["query"]),
];
