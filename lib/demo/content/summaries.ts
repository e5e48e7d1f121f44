// Documents the summariser gets (map-reduce: one generation per chunk, then one that combines),
// with {vars} so the same kind of document differs from trace to trace.

export const SUMMARY_SYSTEM = "Summarise the text for a busy manager: at most 3 bullet points, keep numbers and names exact, no preamble.";
export const COMBINE_SYSTEM = "Combine these partial summaries into one summary of at most 5 bullet points. Remove duplicates. Keep numbers exact.";

export interface SummaryDoc {
  kind: string;
  title: string;
  chunks: { text: string; summary: string }[];
  summary: string;
}

export const SUMMARY_DOCS: SummaryDoc[] = [
  {
    kind: "incident-report",
    title: "Postmortem: Acme Cloud outage on {date}",
    chunks: [
      {
        text: "Summary: On {date} between 14:02 and 14:49 UTC, {pct}% of API requests to Acme Cloud failed with 503. Root cause: a config push set the connection-pool size of the devices service to 0 in eu-west-1.\nImpact: ~{customers} customers could not control devices remotely; local control was unaffected.",
        summary: "- {date}, 14:02–14:49 UTC: {pct}% of Acme Cloud API requests failed (503).\n- Cause: config push set the devices service's pool size to 0 in eu-west-1.\n- ~{customers} customers lost remote control; local control kept working.",
      },
      {
        text: "Timeline: 14:02 alert \"api_5xx_rate > 5%\" fired; 14:11 on-call ({engineer}) paged; 14:31 faulty config identified; 14:44 rollback completed; 14:49 error rate back to baseline.\nAction items: (1) validate pool sizes in CI, (2) canary config pushes per region, (3) page on-call at 2% instead of 5%.",
        summary: "- Detected 14:02, rolled back by 14:44, normal at 14:49 (on-call: {engineer}).\n- Follow-ups: validate pool sizes in CI, canary config pushes per region, page at 2% errors.",
      },
    ],
    summary: "- {date}, 14:02–14:49 UTC: {pct}% of Acme Cloud API calls failed (503); ~{customers} customers lost remote control.\n- Cause: a config push set the devices service's connection pool to 0 in eu-west-1; rolled back at 14:44.\n- Follow-ups: CI validation of pool sizes, per-region canary pushes, earlier paging (2%).",
  },
  {
    kind: "meeting-notes",
    title: "Weekly product sync — {date}",
    chunks: [
      {
        text: "Attendees: {engineer}, Priya, Tom, Zoë. Hub Mini v2: EVT units arrive {eta}; BOM cost is $23.40 vs. target $21. Zoë: \"we can hit target if we drop the second antenna\". Decision: keep the antenna, revisit pricing instead.",
        summary: "- Hub Mini v2 EVT units arrive {eta}; BOM $23.40 vs. $21 target.\n- Decision: keep the second antenna, revisit pricing.",
      },
      {
        text: "Mobile app 7.4: crash-free sessions at 99.2% (goal 99.5%). Top crash is in the camera live view on Android 14. Tom owns the fix, ETA next sprint. Next sync moved to Thursday because of the offsite.",
        summary: "- App 7.4 crash-free sessions 99.2% (goal 99.5%); top crash: Android 14 camera live view, Tom fixing next sprint.\n- Next sync on Thursday.",
      },
    ],
    summary: "- Hub Mini v2: EVT units {eta}; BOM $23.40 vs. $21 target — antenna stays, pricing to be revisited.\n- App 7.4 at 99.2% crash-free (goal 99.5%); Android 14 camera crash fix next sprint (Tom).\n- Next sync moves to Thursday.",
  },
  {
    kind: "customer-feedback",
    title: "App-store reviews, week of {date}",
    chunks: [
      {
        text: "★★★★★ \"Setup took 2 minutes, love the energy report.\"\n★★☆☆☆ \"Thermostat schedule ignores daylight saving, had to fix it by hand\"\n★☆☆☆☆ \"Cam disconnects every night at 3am, support was slow.\"\n★★★★☆ \"Great, but please add a widget for iOS.\"",
        summary: "- Praise: fast setup, energy report.\n- Complaints: thermostat schedules ignore DST; camera disconnects nightly at 3am; slow support.\n- Request: iOS widget.",
      },
      {
        text: "★★★☆☆ \"Très bien mais l'appli est lente au démarrage.\"\n★★★★★ \"Funktioniert super mit Home Assistant!\"\n★★☆☆☆ \"Price went up 20% with no new features.\"",
        summary: "- Slow app start (FR review); works well with Home Assistant (DE review).\n- Complaint: 20% price increase without new features.",
      },
    ],
    summary: "- {reviews} reviews, average {rating}★; praise for easy setup, energy reports and Home Assistant support.\n- Top issues: DST bug in thermostat schedules, nightly camera disconnects, slow app start, slow support.\n- Asks: iOS widget; pushback on the 20% price increase.",
  },
  {
    kind: "contract-clause",
    title: "MSA with {company}: liability and SLA sections",
    chunks: [
      {
        text: "12.1 Each party's aggregate liability is limited to the fees paid in the 12 months preceding the claim, except for breaches of confidentiality (Section 9) and indemnification obligations (Section 11).\n12.2 Neither party is liable for indirect, incidental or consequential damages, including \"lost profits\".",
        summary: "- Liability capped at 12 months of fees, except confidentiality (§9) and indemnification (§11).\n- No liability for indirect or consequential damages, incl. lost profits.",
      },
      {
        text: "Schedule B (SLA): Acme Cloud availability of 99.9% per calendar month. Service credits: 10% of monthly fees below 99.9%, 25% below 99.0%. Credits are the sole remedy for availability failures; requests must be filed within 30 days.",
        summary: "- SLA: 99.9% monthly availability; credits 10% (<99.9%) and 25% (<99.0%).\n- Credits are the sole remedy; claim within 30 days.",
      },
    ],
    summary: "- Liability capped at the last 12 months of fees; confidentiality and indemnification are uncapped.\n- No indirect/consequential damages (incl. lost profits).\n- SLA 99.9%/month with 10%/25% service credits as the sole remedy, claimable within 30 days.",
  },
];
