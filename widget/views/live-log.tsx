// The conversation as an ARIA log: a screen reader announces each line added to it, so several
// replies arriving together are all read, in order. The reply still streaming (agent.delta) is
// kept outside it by the caller and joins only once finished. Lines are keyed by position: a
// snapshot that re-sends the same transcript changes nothing, so nothing is announced twice.
import type { ChatLine } from "../state.ts";

export interface LiveLogProps {
  lines: ChatLine[];
  /** Visually hidden (the form view announces the agent without showing the chat). */
  hidden?: boolean;
  /** Render from this index on (the form view announces only what arrives while it is open). */
  from?: number;
}

const SPEAKER = { user: "You: ", agent: "Assistant: ", system: "" };

export function LiveLog({ lines, hidden, from = 0 }: LiveLogProps) {
  return (
    <div class={hidden ? "sr" : "log"} role="log" aria-live="polite" aria-relevant="additions" aria-label="Conversation">
      {lines.slice(from).map((line, index) => (
        <div key={from + index} class={`m ${line.role}`}>
          <span class="sr">{SPEAKER[line.role]}</span>
          {line.text}
        </div>
      ))}
    </div>
  );
}
