// A compiled template: parsed once (an LRU cache keyed by the source, since a runtime renders
// the same few hundred templates per request), with the names it reads from its context
// (Jinja's meta.find_undeclared_variables, which the CDK checks before rendering) and its
// filters and tests checked to exist, as Jinja's compiler does.
import { LRUCache } from "lru-cache";
import type { Expr, Stmt, Target } from "./ast.ts";
import { InterpolationError } from "./errors.ts";
import { FILTERS } from "./filters.ts";
import { GLOBAL_NAMES } from "./macros.ts";
import { parseTemplate } from "./parser.ts";
import { TESTS } from "./tests.ts";
import { hasKey } from "./values.ts";

export interface CompiledTemplate {
  body: Stmt[];
  /** Names read before any `set`/`for` in the template assigns them, globals excluded. */
  undeclared: Set<string>;
}

class NameCollector {
  readonly undeclared = new Set<string>();

  expression(node: Expr, declared: Set<string>): void {
    switch (node.type) {
      case "const": return;
      case "name":
        if (!declared.has(node.name) && !GLOBAL_NAMES.has(node.name) && node.name !== "self") this.undeclared.add(node.name);
        return;
      case "list": case "tuple": case "concat": node.items.forEach((item) => this.expression(item, declared)); return;
      case "dict": node.pairs.forEach(([key, value]) => { this.expression(key, declared); this.expression(value, declared); }); return;
      case "getattr": this.expression(node.target, declared); return;
      case "getitem": this.expression(node.target, declared); this.expression(node.key, declared); return;
      case "slice": [node.start, node.stop, node.step].forEach((part) => part && this.expression(part, declared)); return;
      case "call":
        this.expression(node.callee, declared);
        this.calls(node, declared);
        return;
      case "filter":
        if (!hasKey(FILTERS, node.name)) throw new InterpolationError("TemplateAssertionError", `No filter named '${node.name}'.`);
        this.expression(node.target, declared);
        this.calls(node, declared);
        return;
      case "test":
        if (!hasKey(TESTS, node.name)) throw new InterpolationError("TemplateAssertionError", `No test named '${node.name}'.`);
        this.expression(node.target, declared);
        this.calls(node, declared);
        return;
      case "unary": this.expression(node.operand, declared); return;
      case "binary": case "and": case "or": this.expression(node.left, declared); this.expression(node.right, declared); return;
      case "compare": this.expression(node.first, declared); node.rest.forEach(([, item]) => this.expression(item, declared)); return;
      case "cond":
        this.expression(node.test, declared);
        this.expression(node.then, declared);
        if (node.otherwise) this.expression(node.otherwise, declared);
        return;
    }
  }

  private calls(node: { args: Expr[]; kwargs: Array<[string, Expr]>; starArgs?: Expr; starKwargs?: Expr }, declared: Set<string>): void {
    node.args.forEach((arg) => this.expression(arg, declared));
    node.kwargs.forEach(([, value]) => this.expression(value, declared));
    if (node.starArgs) this.expression(node.starArgs, declared);
    if (node.starKwargs) this.expression(node.starKwargs, declared);
  }

  statements(body: Stmt[], declared: Set<string>): void {
    for (const statement of body) {
      switch (statement.type) {
        case "data": break;
        case "output": this.expression(statement.expr, declared); break;
        case "if": {
          // Jinja's idtracking: a name an `if` assigns is declared after it only when every one
          // of its three branch groups (body, elifs, else) assigns it, which a nested elif never
          // does; otherwise it is read from the context, so any name first set inside an `if`
          // counts as undeclared (and the CDK refuses the template unless the context has it).
          for (const branch of statement.branches) {
            this.expression(branch.test, declared);
            this.statements(branch.body, new Set(declared));
          }
          this.statements(statement.otherwise, new Set(declared));
          for (const name of storedNames([...statement.branches.flatMap((branch) => branch.body), ...statement.otherwise])) {
            if (!declared.has(name)) this.undeclared.add(name);
          }
          break;
        }
        case "for": {
          this.expression(statement.iter, declared);
          const inner = new Set([...declared, "loop"]);
          declareTarget(statement.target, inner);
          if (statement.condition) this.expression(statement.condition, inner);
          this.statements(statement.body, inner);
          this.statements(statement.otherwise, declared);
          break;
        }
        case "set":
          this.expression(statement.value, declared);
          declareTarget(statement.target, declared);
          break;
        case "set_block":
          this.statements(statement.body, declared);
          declared.add(statement.name);
          break;
      }
    }
  }
}

/** Names assigned in `body` at its own frame level: nested ifs included, for bodies not. */
function storedNames(body: Stmt[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type === "set") declareTarget(statement.target, names);
    else if (statement.type === "set_block") names.add(statement.name);
    else if (statement.type === "if") {
      for (const name of storedNames([...statement.branches.flatMap((branch) => branch.body), ...statement.otherwise])) names.add(name);
    }
  }
  return names;
}

function declareTarget(target: Target, declared: Set<string>): void {
  if (target.type === "name") declared.add(target.name);
  else target.items.forEach((item) => declareTarget(item, declared));
}

const cache = new LRUCache<string, CompiledTemplate | InterpolationError>({ max: 5000 });

export function compileTemplate(source: string): CompiledTemplate {
  const cached = cache.get(source);
  if (cached instanceof InterpolationError) throw cached;
  if (cached) return cached;
  try {
    const body = parseTemplate(source);
    const collector = new NameCollector();
    collector.statements(body, new Set());
    const compiled = { body, undeclared: collector.undeclared };
    cache.set(source, compiled);
    return compiled;
  } catch (error) {
    if (error instanceof InterpolationError) cache.set(source, error);
    throw error;
  }
}
