// While cases run in-process, the server's logs go to stdout/stderr. They are captured (for the
// no_leak grader) instead of printed; the harness prints its own lines through `print`.
type Write = typeof process.stdout.write;

const captured: string[] = [];
let originals: { out: Write; err: Write } | null = null;

export function startCapture(): void {
  if (originals) return;
  originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const grab = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as Write;
  process.stdout.write = grab;
  process.stderr.write = grab;
}

export function stopCapture(): void {
  if (!originals) return;
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  originals = null;
}

/** Everything captured so far (all cases: a leak is a leak whichever case caused it). */
export function capturedOutput(): string[] {
  return captured;
}

export function print(line: string): void {
  (originals?.out ?? process.stdout.write.bind(process.stdout))(line + "\n");
}

export function printError(line: string): void {
  (originals?.err ?? process.stderr.write.bind(process.stderr))(line + "\n");
}
