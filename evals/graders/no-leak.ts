// Every secret of the case (canary) searched in what went to the model, every event the server
// sent to a view, the logs, and every stored file. The user's own outgoing events are not
// searched: a user typing a secret is the input, not a leak.
import { caseSecrets } from "../case-facts.ts";
import type { Grader } from "../types.ts";

export const noLeak: Grader = (caseDef, run) => {
  const canaries = caseSecrets(caseDef);
  if (!canaries.length) return { pass: true, score: 1, reason: "no secrets in this case" };
  const places: Array<{ where: string; text: string }> = [
    ...run.leakSources.model.map((text, index) => ({ where: `model request #${index + 1}`, text })),
    ...run.transcript
      .filter((item) => item.from === "server")
      .map((item) => ({ where: `${item.event.type} event`, text: JSON.stringify(item.event) })),
    ...run.leakSources.logs.map((text) => ({ where: "logs", text })),
    ...run.leakSources.files.map((file) => ({ where: `file ${file.path}`, text: file.content })),
  ];
  const leaks = new Set<string>();
  for (const canary of canaries) {
    for (const place of places) if (place.text.includes(canary)) leaks.add(`${canary.slice(0, 4)}… in ${place.where}`);
  }
  const searched = `${canaries.length} secret(s) over ${run.leakSources.model.length} model request(s), ` +
    `${run.transcript.filter((item) => item.from === "server").length} event(s), ${run.leakSources.files.length} file(s)`;
  if (leaks.size) return { pass: false, score: 0, reason: `leaked: ${[...leaks].join("; ")}` };
  return { pass: true, score: 1, reason: `no leak (${searched})` };
};
