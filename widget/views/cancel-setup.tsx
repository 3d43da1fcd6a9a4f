// "Cancel setup": the person gives up on this setup. Nothing is saved, so it asks once more; the
// question sits under the header with focus on the safe answer, and Escape or "Keep going" puts
// focus back on the button that opened it.
import { useLayoutEffect, useRef } from "preact/hooks";

export interface CancelSetupProps {
  asking: boolean;
  onAsk(): void;
  onKeep(): void;
  onConfirm(): void;
}

export function CancelSetupButton({ asking, onAsk }: Pick<CancelSetupProps, "asking" | "onAsk">) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(asking);
  // Back from the question without cancelling: focus returns here, not to the page's body. In the
  // same commit that removes the question (a layout effect), so no key pressed in between is lost
  // to the body (CI caught the gap: focus came back a frame after the question left).
  useLayoutEffect(() => {
    if (wasAsking.current && !asking) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return (
    <button type="button" class="quiet" ref={buttonRef} aria-expanded={asking} aria-controls="onramp-cancel" onClick={onAsk}>
      Cancel setup
    </button>
  );
}

export function CancelSetupConfirm({ onKeep, onConfirm }: Pick<CancelSetupProps, "onKeep" | "onConfirm">) {
  const keepRef = useRef<HTMLButtonElement>(null);
  // Before the next paint, so a key pressed right after opening lands in the question.
  useLayoutEffect(() => keepRef.current?.focus(), []);
  return (
    <div
      id="onramp-cancel"
      class="ask"
      role="alertdialog"
      aria-labelledby="onramp-cancel-q"
      onKeyDown={(event) => event.key === "Escape" && (event.preventDefault(), onKeep())}
    >
      <span id="onramp-cancel-q">Cancel this setup? Nothing will be saved.</span>
      <button type="button" ref={keepRef} onClick={onKeep}>
        Keep going
      </button>
      <button type="button" class="danger" onClick={onConfirm}>
        Yes, cancel
      </button>
    </div>
  );
}
