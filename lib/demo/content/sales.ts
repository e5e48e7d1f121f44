// The sales assistant: qualifies an inbound lead (JSON out) and drafts a first email.

export const QUALIFY_SYSTEM = 'Qualify the inbound lead for Acme for Business. Reply with JSON only: {"score": 0-100, "segment": "smb"|"mid-market"|"enterprise", "reason": string}.';
export const EMAIL_SYSTEM = "You write short, warm first-touch sales emails for Acme for Business. Max 120 words. No buzzwords. Sign as {rep}.";

export interface Lead {
  company: string;
  contact: string;
  industry: string;
  sites: number;
  note: string;
  /** how the email greets them */
  salutation: string;
  /** what the email opens with: "Thanks for reaching out about …" */
  interest: string;
}

export const LEADS: Lead[] = [
  { company: "Nordlicht Hotels GmbH", contact: "Jörg Weiß", salutation: "Jörg", industry: "hospitality", sites: 14, note: "wants per-room thermostats with central energy reports", interest: "per-room thermostats for your hotels" },
  { company: "Bright Smiles Dental", contact: "Dr. Amara Okafor", salutation: "Dr. Okafor", industry: "healthcare", sites: 3, note: "after-hours door sensors + leak detection, asked about HIPAA", interest: "after-hours door and leak monitoring for your practices" },
  { company: "Café Olé, S.L.", contact: "Inés Muñoz", salutation: "Inés", industry: "food & beverage", sites: 6, note: "fridge temperature alerts, \"we lost €4,000 of stock last summer\"", interest: "temperature alerts for your cafés' fridges" },
  { company: "Parkside Property Mgmt", contact: "Marcus Lee", salutation: "Marcus", industry: "real estate", sites: 120, note: "1,800 rental units, needs API + SSO, current vendor contract ends in Q2", interest: "monitoring your 1,800 rental units, with API and SSO" },
  { company: "Studio Kobayashi", contact: "小林 健 (Ken Kobayashi)", salutation: "Kobayashi-san", industry: "architecture", sites: 1, note: "showroom automation, 2 people, asked for a discount", interest: "automating your showroom" },
];

export const REPS = ["Sam (Acme Sales)", "Priya from Acme", "Jonas · Acme for Business"] as const;
