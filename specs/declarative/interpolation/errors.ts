// One error class for everything a template can raise. `kind` carries the Python/Jinja exception
// class the CDK would raise ("UndefinedError", "ValueError", "TypeError", "TemplateSyntaxError",
// ...), because the CDK's wrappers react to the class: a TypeError during a render returns the
// template text, an UndefinedError falls back to the default, anything else propagates.
export class InterpolationError extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.name = "InterpolationError";
    this.kind = kind;
  }
}

export const pyError = (kind: string, message: string) => new InterpolationError(kind, message);
export const typeError = (message: string) => new InterpolationError("TypeError", message);
export const valueError = (message: string) => new InterpolationError("ValueError", message);
export const undefinedError = (message: string) => new InterpolationError("UndefinedError", message);
export const syntaxError = (message: string) => new InterpolationError("TemplateSyntaxError", message);
