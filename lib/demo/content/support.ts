// Customer-support conversations for Acme's assistant. Templates take {vars}; several phrasings per
// question and answer keep the data varied, and some carry quotes, commas, newlines and non-ASCII text
// on purpose, so exports (CSV quoting, JSON escaping) meet them.

export const SUPPORT_SYSTEM = `You are Acme's customer support assistant.
- Be concise, friendly and specific; use the customer's first name.
- Never promise refunds above $500 without a human agent.
- If you are unsure, say so and offer to open a ticket.
Current customer: {name} (plan: {tier}, locale: {locale}).`;

export const PRODUCTS = ["Smart Thermostat T3", "Hub Mini", "Door Sensor 2", "Indoor Cam HD", "Smart Plug (2-pack)", "Leak Detector"] as const;

export interface ChatTopic {
  questions: string[];
  answers: string[];
}

export const SUPPORT_TOPICS: ChatTopic[] = [
  {
    questions: [
      "How do I reset my {product}? It's stuck on the \"connecting…\" screen.",
      "my {product} won't pair anymore after the update, what do i do",
      "The {product} shows a blinking orange light. Is it broken?",
    ],
    answers: [
      "Hi {first}! A blinking orange light (or a stuck \"connecting…\" screen) means the {product} lost its Wi-Fi credentials. To reset it:\n\n1. Hold the button on the back for 10 seconds, until the light turns white.\n2. Open the Acme app → Devices → Add device.\n3. Pick your 2.4 GHz network (5 GHz isn't supported).\n\nIf it still won't pair, tell me the firmware version shown under Settings → About and I'll dig deeper.",
      "Sorry about that, {first}. Firmware 4.2 changed the pairing flow: open the Acme app, go to Devices → {product} → \"Re-pair\", then hold the device button for 10 s. Your schedules and automations are kept. Does that work?",
    ],
  },
  {
    questions: [
      "I was charged {amount} twice this month, can you check?",
      "Why did my card get billed {amount} on {date}? I cancelled last week!",
      "There's a charge of {amount} I don't recognise, \"ACME*CLOUD 8814\". What is it?",
    ],
    answers: [
      "Thanks for flagging this, {first}. \"ACME*CLOUD\" is the monthly Acme Cloud subscription ({amount}). I can see one charge on {date}; a second, pending one is an authorisation hold that your bank releases within 3–5 business days. If it's still there after that, reply here and I'll escalate it to billing.",
      "I understand the frustration, {first}. Cancellations take effect at the end of the billing period, so the {amount} charge on {date} covers the current month — you keep Acme Cloud until then. Since you cancelled before the renewal date, I've asked billing to refund it; you'll get an email confirmation within 24 hours.",
    ],
  },
  {
    questions: [
      "Where's my order {order}? It said 2-day shipping.",
      "order {order} still not here. tracking hasn't moved since {date}",
      "Can I change the delivery address for {order}?",
    ],
    answers: [
      "Hi {first}, order {order} left our warehouse on {date} and is with DHL (tracking JD014600{digits}). Their system shows a delay at the regional hub; the new estimate is 2 business days. If it hasn't arrived by then, I'll ship a replacement at no cost.",
      "Good news, {first}: {order} hasn't been handed to the carrier yet, so I can still change the address. Please reply with the full new address (street, city, postcode) and I'll update it right away.",
    ],
  },
  {
    questions: [
      "Does the {product} work with Google Home and Apple HomeKit?",
      "Is the {product} compatible with Matter?",
      "can i use {product} without the cloud, local only?",
    ],
    answers: [
      "Yes! The {product} supports Matter since firmware 4.0, so it works with Google Home, Apple Home and Amazon Alexa. Local control works without the cloud; only remote access and history need Acme Cloud.",
      "It does, {first}: Matter, Google Home and Alexa are supported out of the box. For HomeKit you'll need iOS 16 or later. Everything except notifications and 30-day history runs locally.",
    ],
  },
  {
    questions: [
      "How do I upgrade from Free to Pro? Do I keep my automations?",
      "What's the difference between Pro and Enterprise plans?",
      "Can I get an invoice with my company's VAT number on it?",
    ],
    answers: [
      "You can upgrade under Settings → Plan → \"Upgrade to Pro\"; all automations, devices and history are kept. Pro adds 30-day history, unlimited automations and priority support, for $9/month or $90/year.",
      "Sure, {first}. Go to Settings → Billing → Company details, enter your VAT number (e.g. DE123456789) and every future invoice will show it. For past invoices, reply with the invoice numbers and I'll have them re-issued.",
    ],
  },
  {
    questions: [
      "The app keeps logging me out. Really annoying!!",
      "I didn't get the password reset email",
      "How do I enable two-factor authentication?",
    ],
    answers: [
      "Sorry, {first}, that's not the experience we want. Frequent log-outs usually come from the app's battery optimisation on Android: Settings → Apps → Acme → Battery → \"Unrestricted\". If you're on iOS, make sure you're on app version 7.3 or later.",
      "Reset emails come from no-reply@acme.example and can land in spam or \"Promotions\". I've just re-sent it to {email}; the link is valid for 30 minutes. Still nothing after 5 minutes? Let me know and I'll reset it manually.",
      "Two-factor authentication is under Settings → Security → \"Two-factor authentication\". We support authenticator apps (TOTP) and passkeys; SMS isn't offered because it's easy to intercept.",
    ],
  },
];

/** Openers and closers a real user types around a question. */
export const OPENERS = ["", "", "", "Hi, ", "Hello! ", "hey - ", "Good morning. ", "Quick question: ", "Hallo, ", "Bonjour ! "] as const;
export const CLOSERS = ["", "", "", " Thanks!", " thx", " 🙏", " Thanks in advance, {first}", " (urgent, sorry)"] as const;

export const FOLLOW_UPS: [string, string][] = [
  ["That worked, thanks!", "Glad to hear it, {first}! Anything else I can help with?"],
  ["still not working :(", "Sorry it's still stuck. I've opened ticket #{ticket} so a specialist can take a look; you'll hear from us within 4 business hours."],
  ["ok, and how long does the refund take?", "Refunds reach your card in 5–10 business days, depending on your bank. You'll get an email as soon as we've issued it."],
  ["Can I talk to a human?", "Of course. I've handed this conversation to our support team; the current wait time is about 15 minutes. They'll see everything we discussed, so you won't have to repeat yourself."],
];
