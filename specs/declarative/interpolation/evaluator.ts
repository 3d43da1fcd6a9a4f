// Walks a parsed template over Python values, with Jinja's semantics: names resolve from loop
// and `set` scopes, then the render context, then the globals (macros); a missing one is
// Undefined. `{{ x }}` prints str(x); a `for` body gets its own scope per iteration, an `if`
// does not.
import { getAttribute, getItem, sliceOf } from "./attributes.ts";
import type { Expr, Stmt, Target } from "./ast.ts";
import { InterpolationError, typeError, valueError } from "./errors.ts";
import { callFilter } from "./filters.ts";
import { binaryOperation, unaryOperation } from "./operators.ts";
import { pyStr } from "./py-str.ts";
import { TESTS } from "./tests.ts";
import {
  isDict, isMapping, iterate, own, setKey, mappingData, pyCompare, pyContains, pyEquals, PyFunction, truthy, tuple, typeName,
  Undefined, type Kwargs,
} from "./values.ts";

/** Jinja's `self` (the template's blocks): templates here define none, so every lookup is Undefined. */
class TemplateReference {
  toString(): string {
    return "<TemplateReference None>";
  }
}
const TEMPLATE_REFERENCE = new TemplateReference();

class Scope {
  private readonly vars = new Map<string, unknown>();
  constructor(
    private readonly parent: Scope | undefined,
    private readonly fallback?: (name: string) => unknown,
  ) {}
  lookup(name: string): unknown {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) return scope.vars.get(name);
      const found = scope.fallback?.(name);
      if (found !== undefined) return found;
    }
    return name === "self" ? TEMPLATE_REFERENCE : new Undefined(`'${name}' is undefined`, name);
  }
  assign(name: string, value: unknown): void {
    this.vars.set(name, value);
  }
}

function dictKey(key: unknown): string {
  if (Array.isArray(key) || isDict(key)) throw typeError(`unhashable type: '${typeName(key)}'`);
  return typeof key === "string" ? key : pyStr(key);
}

function evaluateArguments(node: { args: Expr[]; kwargs: Array<[string, Expr]>; starArgs?: Expr; starKwargs?: Expr }, scope: Scope): [unknown[], Kwargs] {
  const args = node.args.map((arg) => evaluate(arg, scope));
  const kwargs: Kwargs = {};
  for (const [key, value] of node.kwargs) setKey(kwargs, key, evaluate(value, scope));
  if (node.starArgs) args.push(...iterate(evaluate(node.starArgs, scope)));
  if (node.starKwargs) {
    const extra = evaluate(node.starKwargs, scope);
    if (!isMapping(extra)) throw typeError("argument after ** must be a mapping");
    for (const [key, value] of Object.entries(mappingData(extra))) setKey(kwargs, key, value);
  }
  return [args, kwargs];
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case "==": return pyEquals(left, right);
    case "!=": return !pyEquals(left, right);
    case "in": return pyContains(right, left);
    case "notin": return !pyContains(right, left);
    default: return pyCompare(left, right, operator);
  }
}

export function evaluate(node: Expr, scope: Scope): unknown {
  switch (node.type) {
    case "const": return node.value;
    case "name": return scope.lookup(node.name);
    case "list": return node.items.map((item) => evaluate(item, scope));
    case "tuple": return tuple(node.items.map((item) => evaluate(item, scope)));
    case "dict": {
      const dict: Record<string, unknown> = {};
      for (const [key, value] of node.pairs) setKey(dict, dictKey(evaluate(key, scope)), evaluate(value, scope));
      return dict;
    }
    case "getattr": return getAttribute(evaluate(node.target, scope), node.name);
    case "getitem": {
      const target = evaluate(node.target, scope);
      if (node.key.type === "slice") {
        const bound = (part?: Expr) => (part ? evaluate(part, scope) : null);
        return sliceOf(target, bound(node.key.start), bound(node.key.stop), bound(node.key.step));
      }
      return getItem(target, evaluate(node.key, scope), node.key.type === "const");
    }
    case "slice": throw valueError("a slice is only valid inside []");
    case "call": {
      const callee = evaluate(node.callee, scope);
      const [args, kwargs] = evaluateArguments(node, scope);
      if (callee instanceof PyFunction) return callee.call(args, kwargs);
      if (callee instanceof Undefined) callee.fail();
      throw typeError(`'${typeName(callee)}' object is not callable`);
    }
    case "filter": {
      const value = evaluate(node.target, scope);
      const [args, kwargs] = evaluateArguments(node, scope);
      return callFilter(node.name, value, args, kwargs);
    }
    case "test": {
      const value = evaluate(node.target, scope);
      const [args] = evaluateArguments(node, scope);
      const result = own(TESTS, node.name)!(value, ...args);
      return node.negated ? !result : result;
    }
    case "unary":
      if (node.operator === "not") return !truthy(evaluate(node.operand, scope));
      return unaryOperation(node.operator, evaluate(node.operand, scope));
    case "binary": return binaryOperation(node.operator, evaluate(node.left, scope), evaluate(node.right, scope));
    case "concat": return node.items.map((item) => pyStr(evaluate(item, scope))).join("");
    case "compare": {
      let left = evaluate(node.first, scope);
      for (const [operator, rightNode] of node.rest) {
        const right = evaluate(rightNode, scope);
        if (!compare(operator, left, right)) return false;
        left = right;
      }
      return true;
    }
    case "and": {
      const left = evaluate(node.left, scope);
      return truthy(left) ? evaluate(node.right, scope) : left;
    }
    case "or": {
      const left = evaluate(node.left, scope);
      return truthy(left) ? left : evaluate(node.right, scope);
    }
    case "cond":
      if (truthy(evaluate(node.test, scope))) return evaluate(node.then, scope);
      return node.otherwise ? evaluate(node.otherwise, scope) : new Undefined("the inline if-expression evaluated to false and no else section was defined.");
  }
}

function assignTarget(target: Target, value: unknown, scope: Scope): void {
  if (target.type === "name") {
    scope.assign(target.name, value);
    return;
  }
  const items = iterate(value);
  if (items.length !== target.items.length) {
    throw valueError(items.length < target.items.length ? `not enough values to unpack (expected ${target.items.length}, got ${items.length})` : `too many values to unpack (expected ${target.items.length})`);
  }
  target.items.forEach((item, index) => assignTarget(item, items[index], scope));
}

function renderFor(statement: Extract<Stmt, { type: "for" }>, scope: Scope, out: string[]): void {
  let items = iterate(evaluate(statement.iter, scope));
  if (statement.condition) {
    const condition = statement.condition;
    items = items.filter((item) => {
      const probe = new Scope(scope);
      assignTarget(statement.target, item, probe);
      return truthy(evaluate(condition, probe));
    });
  }
  if (items.length === 0) {
    renderBody(statement.otherwise, scope, out);
    return;
  }
  items.forEach((item, index) => {
    const iteration = new Scope(scope);
    iteration.assign("loop", {
      index: index + 1, index0: index, revindex: items.length - index, revindex0: items.length - index - 1,
      first: index === 0, last: index === items.length - 1, length: items.length, depth: 1, depth0: 0,
      previtem: index > 0 ? items[index - 1] : new Undefined("there is no previous item"),
      nextitem: index < items.length - 1 ? items[index + 1] : new Undefined("there is no next item"),
    });
    assignTarget(statement.target, item, iteration);
    renderBody(statement.body, iteration, out);
  });
}

function renderBody(body: Stmt[], scope: Scope, out: string[]): void {
  for (const statement of body) {
    switch (statement.type) {
      case "data": out.push(statement.text); break;
      case "output": out.push(pyStr(evaluate(statement.expr, scope))); break;
      case "if": {
        const branch = statement.branches.find((candidate) => truthy(evaluate(candidate.test, scope)));
        renderBody(branch ? branch.body : statement.otherwise, scope, out);
        break;
      }
      case "for": renderFor(statement, scope, out); break;
      case "set": assignTarget(statement.target, evaluate(statement.value, scope), scope); break;
      case "set_block": {
        const captured: string[] = [];
        renderBody(statement.body, scope, captured);
        scope.assign(statement.name, captured.join(""));
        break;
      }
    }
  }
}

/** Renders a parsed template; `resolve` answers names no loop or `set` defined (undefined: unknown). */
export function render(body: Stmt[], resolve: (name: string) => unknown): string {
  const out: string[] = [];
  try {
    renderBody(body, new Scope(undefined, resolve), out);
  } catch (error) {
    if (error instanceof InterpolationError) throw error;
    if (error instanceof RangeError) throw new InterpolationError("ValueError", error.message);
    throw new InterpolationError("InternalError", (error as Error).message);
  }
  return out.join("");
}
