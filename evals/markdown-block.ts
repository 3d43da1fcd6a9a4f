// Rewrites a generated block of a Markdown file in place, between `<!-- NAME:start -->` and
// `<!-- NAME:end -->`, so the README's figures are the ones the last run printed, never typed.
export class MarkdownBlockError extends Error {
  readonly code = "markdown_block_missing";
  constructor(
    readonly file: string,
    readonly block: string,
  ) {
    super(`${file} has no <!-- ${block}:start --> ... <!-- ${block}:end --> block to rewrite`);
  }
}

export function replaceBlock(text: string, block: string, content: string, file = "the file"): string {
  const start = `<!-- ${block}:start -->`;
  const end = `<!-- ${block}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new MarkdownBlockError(file, block);
  return `${text.slice(0, from + start.length)}\n${content.trimEnd()}\n${text.slice(to)}`;
}
