// "sales-assistant": qualify an inbound lead (JSON answer), then draft the first email.
import { assistant, system, user } from "../chat";
import { EMAIL_SYSTEM, LEADS, QUALIFY_SYSTEM, REPS } from "../content/sales";
import { fill } from "../prng";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function salesAssistant(w: Workload): Outcome {
  const { rng, b } = w;
  const lead = rng.pick(LEADS);
  const rep = rng.pick(REPS);
  const root = b.root("sales-assistant", { lead: lead.company, source: rng.pick(["website-form", "webinar", "referral"]) });
  const model = chooseModel(w, [["gpt-4o", 5], ["claude-3-5-sonnet", 4]]);
  const brief = `Company: ${lead.company}\nContact: ${lead.contact}\nIndustry: ${lead.industry}\nSites: ${lead.sites}\nNotes: ${lead.note}`;
  const segment = lead.sites >= 50 ? "enterprise" : lead.sites >= 5 ? "mid-market" : "smb";
  const score = Math.min(98, 35 + lead.sites * 3 + rng.int(0, 15));
  const verdict = JSON.stringify({ score, segment, reason: `${lead.sites} site(s) in ${lead.industry}; ${lead.note.split(",")[0]}` });
  const qualify = callModel(w, root, "qualify-lead", { model, messages: [system(QUALIFY_SYSTEM), user(brief)], output: [assistant(verdict)], temperature: 0, metadata: { prompt_name: "qualify-lead", response_format: "json_object" } });
  if (qualify.error) {
    b.finish(root, null, qualify.error);
    return { error: qualify.error, model };
  }
  const email = `Subject: ${lead.industry === "hospitality" ? "Per-room comfort, one dashboard" : `Acme for ${lead.company}`}\n\nHi ${lead.salutation},\n\nThanks for reaching out about ${lead.interest}. Teams like yours use Acme to see every site in one place and get alerts before small issues get expensive.\n\nWould a 20-minute call next week work? I can show how ${lead.sites > 1 ? `all ${lead.sites} sites` : "your site"} would look in the dashboard.\n\nBest,\n${rep}`;
  const draft = callModel(w, root, "draft-email", { model, messages: [system(fill(EMAIL_SYSTEM, { rep })), user(`${brief}\nQualification: ${verdict}`)], output: [assistant(email)], temperature: 0.7, metadata: { prompt_name: "draft-email" } });
  if (draft.error) {
    b.finish(root, null, draft.error);
    return { error: draft.error, model, answer: draft.span };
  }
  b.event(root, "crm.sync", { object: "lead", company: lead.company, segment, score });
  b.finish(root, draft.aborted ? null : { segment, score, email });
  return { model: draft.model, answer: draft.span };
}
