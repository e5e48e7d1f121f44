// The support agent's tool-using conversations: each scenario is rounds of tool calls the model makes,
// what the tools answer, and the final reply. {vars} as in support.ts.

export interface ToolStep {
  tool: string;
  args: (v: Record<string, string | number>) => Record<string, unknown>;
  result: (v: Record<string, string | number>) => unknown;
  /** what the tool service answers when it fails */
  failure: string;
}

export interface AgentScenario {
  questions: string[];
  /** each round is one assistant turn; the calls of a round run side by side */
  rounds: ToolStep[][];
  answer: string;
  /** the reply when a tool failed */
  fallbackAnswer: string;
}

export const AGENT_SYSTEM = `You are Acme's support agent. You can call tools to look up customers, orders and invoices,
issue refunds up to $500 and open tickets. Always check an order before refunding it.
Reply in the customer's language ({locale}). Customer id: {customer}.`;

const orderStatus: ToolStep = {
  tool: "get_order_status",
  args: (v) => ({ order_id: v.order }),
  result: (v) => ({ order_id: v.order, status: "in_transit", carrier: "DHL", tracking: `JD014600${v.digits}`, shipped_at: v.date, eta: v.eta, items: [{ sku: v.sku, name: v.product, qty: 1 }] }),
  failure: 'OrderServiceError: 504 Gateway Timeout from orders-api (GET /v2/orders)',
};

const searchKb: ToolStep = {
  tool: "search_knowledge_base",
  args: (v) => ({ query: `${v.product} ${v.symptom}`, top_k: 3 }),
  result: (v) => [
    { id: "kb-1042", title: `${v.product}: troubleshooting "${v.symptom}"`, score: 0.82 },
    { id: "kb-0877", title: "Factory reset, step by step", score: 0.74 },
    { id: "kb-1310", title: "Known issues in firmware 4.2", score: 0.61 },
  ],
  failure: "SearchError: index \"kb-prod\" is read-only (maintenance until 03:00 UTC)",
};

export const AGENT_SCENARIOS: AgentScenario[] = [
  {
    questions: ["Where is my order {order}?", "Has {order} shipped yet? I need it before the weekend", "status of order {order} pls"],
    rounds: [[orderStatus]],
    answer: "Your order {order} ({product}) shipped on {date} with DHL, tracking number JD014600{digits}. It's in transit and should arrive by {eta}.",
    fallbackAnswer: "I'm sorry, {first}, I can't reach our order system right now. I've noted order {order} and we'll email you its status within the hour.",
  },
  {
    questions: [
      "I want a refund for {order}, the {product} arrived with a cracked screen.",
      "The {product} from order {order} is DOA. Refund please, I don't want a replacement.",
    ],
    rounds: [
      [orderStatus],
      [
        {
          tool: "issue_refund",
          args: (v) => ({ order_id: v.order, amount: Number(v.amountValue), currency: "USD", reason: "damaged_on_arrival" }),
          result: (v) => ({ refund_id: `re_${v.digits}${v.digits}`, status: "pending", amount: Number(v.amountValue), expected_by: v.eta }),
          failure: "PaymentsError: card_declined_for_refund — the original card was closed; refund needs manual review",
        },
      ],
    ],
    answer: "I'm sorry the {product} arrived damaged, {first}. I've issued a full refund of {amount} for order {order} (refund re_{digits}{digits}); it should reach your card by {eta}. You don't need to send the device back.",
    fallbackAnswer: "I'm sorry, {first} — I couldn't complete the refund automatically. I've passed order {order} to our billing team, who will finish it by hand and email you within one business day.",
  },
  {
    questions: ["Why was I charged twice this month? My email is {email}", "Billing question: two invoices for {amount}, account {email}"],
    rounds: [
      [
        {
          tool: "lookup_customer",
          args: (v) => ({ email: v.email }),
          result: (v) => ({ customer_id: v.customer, plan: "Pro (monthly)", since: "2023-04-11", country: v.country }),
          failure: "CustomerNotFound: no customer with that email in region eu-west-1",
        },
      ],
      [
        {
          tool: "list_invoices",
          args: (v) => ({ customer_id: v.customer, limit: 3 }),
          result: (v) => [
            { id: `in_${v.digits}A`, amount: v.amountValue, status: "paid", date: v.date },
            { id: `in_${v.digits}B`, amount: v.amountValue, status: "void", date: v.date, note: "duplicate authorisation, voided" },
          ],
          failure: "BillingServiceError: connection reset by peer (billing-svc:8443)",
        },
      ],
    ],
    answer: "I checked your account, {first}. There are two invoices for {amount} on {date}, but the second one is void: it was a duplicate authorisation that your bank will release within 3–5 business days. You were only charged once.",
    fallbackAnswer: "Sorry, {first}, I couldn't load your invoices just now. I've opened ticket #{ticket} with billing; they'll confirm the charges by email today.",
  },
  {
    questions: ["My {product} says \"{symptom}\". What should I do?", "{product}: {symptom} since yesterday, any idea?"],
    rounds: [[searchKb]],
    answer: "That message usually clears with a restart, {first}:\n1. Unplug the {product} for 30 seconds.\n2. Plug it back in and wait for the white light.\n3. If \"{symptom}\" comes back, update to firmware 4.2.1 (Settings → Firmware).\n\nSource: kb-1042, \"{product}: troubleshooting\".",
    fallbackAnswer: "I couldn't search our help center right now, {first}. A restart (unplug for 30 s) fixes most cases; if it doesn't, reply here and I'll open a ticket.",
  },
  {
    questions: ["{product} keeps rebooting every few minutes, I've tried everything", "Please open a ticket: {product} {symptom}, reset didn't help"],
    rounds: [
      [searchKb],
      [
        {
          tool: "create_ticket",
          args: (v) => ({ subject: `${v.product}: ${v.symptom}`, priority: v.tier === "enterprise" ? "high" : "normal", customer_id: v.customer }),
          result: (v) => ({ ticket_id: v.ticket, url: `https://support.acme.example/t/${v.ticket}`, sla_hours: v.tier === "enterprise" ? 4 : 24 }),
          failure: "TicketingError: 422 Unprocessable Entity — field \"subject\" exceeds 120 characters",
        },
      ],
    ],
    answer: "Thanks for trying the usual fixes, {first}. I've opened ticket #{ticket} (priority: {priority}) with our hardware team and attached your device logs. You'll hear back within the SLA; you can follow it at https://support.acme.example/t/{ticket}.",
    fallbackAnswer: "I wasn't able to open a ticket automatically, {first}, sorry. Please email support@acme.example with \"{product}: {symptom}\" in the subject and we'll pick it up right away.",
  },
];

export const SYMPTOMS = ["Device offline", "Firmware update failed (E-214)", "Sensor not responding", "Low battery, 0%", "Cannot reach Acme Cloud"] as const;
