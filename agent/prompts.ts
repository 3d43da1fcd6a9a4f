// Every sentence the agent says, in one place (what the model is told is in model-prompts.ts).
import type { CheckResult, Definition, Question } from "../specs/types.ts";

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A field's value as the person knows it: a chosen option by its title, not its JSON. */
function shownValue(question: Question, value: unknown): string {
  if (question.kind === "choice" && value !== null && typeof value === "object") {
    const consts = Object.values(value as Record<string, unknown>);
    const option = question.options?.find((candidate) => candidate.value !== undefined && consts.includes(candidate.value));
    if (option) return option.title;
  }
  return shown(value);
}

/** "Host" reads "the host" mid-sentence; "API Key" and "SSL Mode" keep their capitals. */
function inSentence(title: string): string {
  return /^[A-Z][a-z]+(?: [a-z]+)*$/.test(title) ? title.toLowerCase() : title;
}

export const prompts = {
  greeting: () =>
    "Hi! I'll help you set up a connector. Which system do you want to connect (for example Postgres, MySQL, or an HTTP API)?",
  connectorUnknown: (text: string) =>
    `I couldn't find a connector matching "${text}". Which system is it? You can name it, like "Postgres" or "MySQL".`,
  connectorChoices: (definitions: Definition[]) =>
    `Which one do you mean? ${definitions.map((definition, index) => `${index + 1}. ${definition.displayName} (${definition.kind})`).join("  ")}`,
  connectorChosen: (definition: Definition) => `Great, let's set up ${definition.displayName} (${definition.kind}).`,
  /** Said when the agent picked the connector from the person's words: one way to say it got it wrong. */
  connectorPicked: (definition: Definition) =>
    `Great, let's set up ${definition.displayName} (${definition.kind}). Not the one you meant? Say so, for example "I meant MySQL".`,
  connectorSwitched: (definition: Definition) => `Switching to ${definition.displayName} (${definition.kind}); I cleared the form.`,

  /** `invalidNow`: the current value is wrong (said just before), so it is not offered to keep. */
  question: (question: Question, current: unknown, invalidNow = false) => {
    const parts: string[] = [];
    if (question.kind === "choice") {
      const options = (question.options ?? []).map((option, index) => `${index + 1}. ${option.title}`).join("  ");
      parts.push(`${question.title}: which option? ${options}`);
    } else if (question.secret) {
      parts.push(`Please enter ${question.title} in the secure field. It is stored encrypted and never shown to the AI.`);
    } else {
      // "Streams #1: Name" (a field of a list's item) reads "Streams #1: what is the name?".
      const item = /^(.*#\d+): (.+)$/.exec(question.title);
      parts.push(item ? `${item[1]}: what is the ${inSentence(item[2])}?` : `What is the ${inSentence(question.title)}?`);
      if (question.enum?.length) parts.push(`Options: ${question.enum.join(", ")}.`);
      else if (question.example !== undefined) parts.push(`For example: ${shown(question.example)}.`);
      if (question.pattern_descriptor) parts.push(`Format: ${question.pattern_descriptor}.`);
    }
    if (current !== undefined && !question.secret && !invalidNow) parts.push(`It is currently ${shownValue(question, current)}; say "skip" to keep it.`);
    else if (question.default !== undefined) {
      parts.push(`Press enter or say "default" to use ${shown(question.default)}.`);
    } else if (!question.required) parts.push(`This one is optional: say "skip" to leave it out.`);
    return parts.join(" ");
  },
  secretAskInChat: (question: Question) =>
    `${question.title} is still ${question.required ? "needed" : "open"}. Say "ready" when you want to enter it in the secure field${question.required ? "" : ', or "skip" to leave it out'}.`,

  confirmSet: (items: Array<{ question: Question; value: unknown }>) =>
    `Got it: ${items.map(({ question, value }) => `${question.title} = ${question.secret ? "(stored securely)" : shown(value)}`).join(", ")}.`,
  invalid: (question: Question, reason: string) => `That doesn't work for ${question.title}: ${reason.replace(/[.\s]+$/, "")}.`,
  secretInChat: (question: Question) =>
    `Please don't type ${question.title} in the chat: I'll ask for it in the secure field, where it never reaches the AI.`,
  secretRedacted: () =>
    "That message looked like it contained a secret, so I removed it before anything else saw it. Secrets go in the secure field when I ask for one.",
  secretStoredFromChat: (question: Question | undefined) =>
    `I stored ${question ? question.title : "that"} securely; it was not shown to the AI.`,
  secretStored: (question: Question | undefined) => `Thanks, ${question ? question.title : "the secret"} is stored securely.`,
  secretKept: (question: Question | undefined) => `No problem, the stored ${question ? question.title : "secret"} stays as it is.`,
  confirmProposal: (question: Question, value: unknown) => `Did you mean ${shownValue(question, value)} for ${question.title}? (yes or no)`,
  onlyOption: (items: Array<{ question: Question; value: unknown }>) =>
    `${items.map(({ question, value }) => `${question.title} = ${shown(value)}`).join(", ")} (the only option${items.length > 1 ? "s" : ""}).`,
  shownDefaults: (items: Array<{ question: Question; value: unknown }>) =>
    `${items.map(({ question, value }) => `${question.title} = ${shown(value)}`).join(", ")} (the default${items.length > 1 ? "s" : ""}; change ${items.length > 1 ? "them" : "it"} any time).`,
  formChanged: (changes: Array<{ question: Question; value: unknown }>) =>
    `I see the form now has ${changes
      .map(({ question, value }) => (question.secret ? `a new ${question.title}` : value === undefined ? `no ${question.title}` : `${question.title} = ${shownValue(question, value)}`))
      .join(", ")}.`,
  keptValue: (question: Question, current: unknown) => `Keeping ${question.title} = ${shownValue(question, current)}.`,
  secretCancelled: (question: Question | undefined) =>
    `No problem, I closed the secure field${question ? ` for ${question.title}` : ""}.`,

  explain: (question: Question, definition: Definition, current?: unknown) => {
    const about = question.description?.replace(/<[^>]+>/g, "").trim();
    const parts = [about ? `${question.title}: ${about}` : `${question.title} is a setting of ${definition.displayName}.`];
    if (current !== undefined) parts.push(question.secret ? "A value is stored for it (kept secret)." : `It is currently ${shownValue(question, current)}.`);
    if (question.kind === "choice" && question.options?.length) {
      parts.push(
        `Options: ${question.options.map((option) => (option.description ? `${option.title} (${option.description.replace(/<[^>]+>/g, "")})` : option.title)).join("; ")}.`,
      );
    }
    if (definition.documentationUrl) parts.push(`More in the docs: ${definition.documentationUrl}`);
    return parts.join(" ");
  },
  explainConnector: (definition: Definition) =>
    `This sets up ${definition.displayName}.${definition.documentationUrl ? ` Docs: ${definition.documentationUrl}` : ""}`,
  dontKnow: (question: Question, definition: Definition) => {
    const about = question.description?.replace(/<[^>]+>/g, "").trim();
    const parts = [`No worries.`];
    if (about) parts.push(`${question.title}: ${about}`);
    if (question.example !== undefined) parts.push(`It usually looks like ${shown(question.example)}.`);
    parts.push(
      definition.documentationUrl
        ? `The docs explain where to find it: ${definition.documentationUrl}. Whoever administers ${definition.displayName} can also tell you.`
        : `Whoever administers ${definition.displayName} can tell you.`,
    );
    return parts.join(" ");
  },
  usedDefault: (question: Question) => `I'll use the default for ${question.title} (${shown(question.default)}).`,
  usedFirstOption: (question: Question, title: string) =>
    `If you're not sure, "${title}" is the usual choice for ${question.title}; I've picked it (you can change it later).`,
  chitchat: () => "Hello! Let's keep going.",
  noDefault: (question: Question) => `${question.title} has no default, so I need a value.`,
  skipped: (question: Question) => `Skipped ${question.title}.`,
  cannotSkip: (question: Question) => `${question.title} is required, so I can't skip it.`,
  nothingToGoBackTo: () => "We're at the first question, there's nothing before it.",
  goingBack: (question: Question) => `Sure, back to ${question.title}.`,
  unclear: (question: Question | null) =>
    question
      ? `Sorry, I didn't get that. ${question.kind === "choice" ? "Pick one of the options" : `Tell me the ${question.title}`}, or ask me what it means.`
      : "Sorry, I didn't get that.",
  startOver: () => "Starting over: I cleared the form.",
  giveUp: (question: Question) =>
    `Without ${question.title} I can't finish this setup. Your other answers are kept; come back when you have it.`,
  cancelled: () => "Setup cancelled. Nothing was saved.",

  cannotTestYet: (question: Question) => `Before I can test the connection I still need ${question.title}.`,
  modifyIntro: (definition: Definition) =>
    `This is your saved ${definition.displayName} connector. What would you like to change? (For example: "the port is 6543". Secrets stay as they are unless you change them.)`,
  testing: () => "Everything needed is filled in. Testing the connection...",
  readyToTest: () => 'Everything needed is filled in. Press "Test and save" (or say "test") when you are done editing, and I will test the connection and save it.',
  testFailed: (result: CheckResult, fields: Question[]) =>
    `The connection test failed: ${result.message}${fields.length ? ` Let's check ${fields.map((field) => field.title).join(" and ")}.` : ' Change what needs changing (here or in the form) and say "test" to try again.'}`,
  testFailedAgain: (result: CheckResult) => `The connection test failed again: ${result.message}`,
  testSucceeded: (result: CheckResult, live: boolean) =>
    live ? `The connection works${result.message ? ` (${result.message})` : ""}. Saving the connector...` : `${result.message} Saving the connector...`,
  saved: (definition: Definition) => `Done! Your ${definition.displayName} connector is saved.`,
  sameFailure: (times: number, fields: Question[]) =>
    `That is the same failure ${times} times in a row, so asking again won't help. ${
      fields.length ? `Check ${fields.map((field) => field.title).join(" and ")} where you keep ${fields.length > 1 ? "them" : "it"} (or ask whoever runs the server), then ` : "Once the cause is fixed, "
    }change it here or in the form and say "test". Your answers are kept; say "cancel" to stop.`,
  unchanged: () =>
    'Nothing has changed since the failed test, so it would fail the same way. Change a setting (here or in the form) and I\'ll test again, say "test" to retry anyway, or "cancel" to stop.',
  giveUpAfterFailedTest: () =>
    "I'll stop here: the connection test fails and nothing has changed. Your answers are kept; come back once the settings are fixed.",
  alreadyFinished: () => "This setup is already finished.",

  oauthStart: (title: string) => `Please authorize access in the popup (${title}). I'll continue once you've approved it.`,
  oauthOnly: (name: string) => `${name} can only be connected by signing in. Say "retry" when you want to open the sign-in again.`,
  oauthCompleted: () => "Authorized. Thanks!",
  oauthFailed: (message: string) => `Authorization didn't go through: ${message} You can try again or pick another way to sign in.`,
  oauthCancelled: () => "Authorization cancelled. You can try again or pick another way to sign in.",
};
