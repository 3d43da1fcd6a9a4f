// The expression half of the parser, following jinja2/parser.py function by function
// (parse_condexpr, parse_or, ... parse_unary, parse_postfix, parse_filter_expr), so operator
// precedence, filter binding (`-x | abs` is abs(-x), `a + b ~ c` is a + (b ~ c)) and test
// arguments match Jinja. parser.ts adds the statements.
import type { Expr } from "./ast.ts";
import { syntaxError } from "./errors.ts";
import type { Token } from "./lexer.ts";
import { makeFloat } from "./values.ts";

const COMPARE = new Set(["==", "!=", "<", "<=", ">", ">="]);
const MATH2 = new Set(["*", "/", "//", "%"]);
const TEST_ARGUMENT_START = new Set(["name", "string", "integer", "float"]);

export class ExpressionParser {
  protected index = 0;
  constructor(protected readonly tokens: Token[]) {}

  protected get current(): Token {
    return this.tokens[this.index];
  }
  protected look(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)];
  }
  protected next(): Token {
    const token = this.current;
    if (token.type !== "eof") this.index++;
    return token;
  }
  protected is(value: string, type: Token["type"] = "operator"): boolean {
    return this.current.type === type && this.current.value === value;
  }
  protected isName(value: string): boolean {
    return this.is(value, "name");
  }
  protected skipIf(value: string, type: Token["type"] = "operator"): boolean {
    if (!this.is(value, type)) return false;
    this.next();
    return true;
  }
  protected expect(value: string, type: Token["type"] = "operator"): Token {
    if (!this.is(value, type)) throw syntaxError(`expected '${value}', got '${this.current.value || this.current.type}'`);
    return this.next();
  }
  protected expectType(type: Token["type"]): Token {
    if (this.current.type !== type) throw syntaxError(`expected ${type}, got '${this.current.value || this.current.type}'`);
    return this.next();
  }

  protected isTupleEnd(extraEnd: string[]): boolean {
    const token = this.current;
    if (token.type === "variable_end" || token.type === "block_end" || token.type === "eof" || this.is(")")) return true;
    if (this.is("=")) return true;
    return token.type === "name" && extraEnd.includes(token.value);
  }

  protected parseTuple(options: { withCondexpr: boolean; extraEnd?: string[]; explicitParentheses?: boolean }): Expr {
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expect(",");
      if (this.isTupleEnd(options.extraEnd ?? [])) break;
      items.push(this.parseExpression(options.withCondexpr));
      if (this.is(",")) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      if (!options.explicitParentheses) throw syntaxError(`Expected an expression, got '${this.current.value || this.current.type}'`);
    }
    return { type: "tuple", items };
  }

  protected parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  protected parseCondexpr(): Expr {
    let expr = this.parseOr();
    while (this.skipIf("if", "name")) {
      const test = this.parseOr();
      const otherwise = this.skipIf("else", "name") ? this.parseCondexpr() : undefined;
      expr = { type: "cond", test, then: expr, otherwise };
    }
    return expr;
  }

  protected parseOr(): Expr {
    let left = this.parseAnd();
    while (this.skipIf("or", "name")) left = { type: "or", left, right: this.parseAnd() };
    return left;
  }

  protected parseAnd(): Expr {
    let left = this.parseNot();
    while (this.skipIf("and", "name")) left = { type: "and", left, right: this.parseNot() };
    return left;
  }

  protected parseNot(): Expr {
    if (this.skipIf("not", "name")) return { type: "unary", operator: "not", operand: this.parseNot() };
    return this.parseCompare();
  }

  protected parseCompare(): Expr {
    const first = this.parseMath1();
    const rest: Array<[string, Expr]> = [];
    for (;;) {
      if (this.current.type === "operator" && COMPARE.has(this.current.value)) {
        const operator = this.next().value;
        rest.push([operator, this.parseMath1()]);
      } else if (this.skipIf("in", "name")) rest.push(["in", this.parseMath1()]);
      else if (this.isName("not") && this.look().type === "name" && this.look().value === "in") {
        this.next();
        this.next();
        rest.push(["notin", this.parseMath1()]);
      } else break;
    }
    return rest.length ? { type: "compare", first, rest } : first;
  }

  protected parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.is("+") || this.is("-")) {
      const operator = this.next().value;
      left = { type: "binary", operator, left, right: this.parseConcat() };
    }
    return left;
  }

  protected parseConcat(): Expr {
    const items = [this.parseMath2()];
    while (this.skipIf("~")) items.push(this.parseMath2());
    return items.length === 1 ? items[0] : { type: "concat", items };
  }

  protected parseMath2(): Expr {
    let left = this.parsePow();
    while (this.current.type === "operator" && MATH2.has(this.current.value)) {
      const operator = this.next().value;
      left = { type: "binary", operator, left, right: this.parsePow() };
    }
    return left;
  }

  protected parsePow(): Expr {
    let left = this.parseUnary(true);
    while (this.skipIf("**")) left = { type: "binary", operator: "**", left, right: this.parseUnary(true) };
    return left;
  }

  protected parseUnary(withFilter: boolean): Expr {
    let node: Expr;
    if (this.is("-") || this.is("+")) {
      const operator = this.next().value as "-" | "+";
      node = { type: "unary", operator, operand: this.parseUnary(false) };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  protected parsePrimary(): Expr {
    const token = this.current;
    if (token.type === "name") {
      this.next();
      if (token.value === "true" || token.value === "True") return { type: "const", value: true };
      if (token.value === "false" || token.value === "False") return { type: "const", value: false };
      if (token.value === "none" || token.value === "None") return { type: "const", value: null };
      return { type: "name", name: token.value };
    }
    if (token.type === "string") {
      let value = "";
      while (this.current.type === "string") value += this.next().value;
      return { type: "const", value };
    }
    if (token.type === "integer") return { type: "const", value: this.next().number };
    if (token.type === "float") return { type: "const", value: makeFloat(this.next().number!) };
    if (this.skipIf("(")) {
      const node = this.parseTuple({ withCondexpr: true, explicitParentheses: true });
      this.expect(")");
      return node;
    }
    if (this.is("[")) return this.parseList();
    if (this.is("{")) return this.parseDict();
    throw syntaxError(`unexpected '${token.value || token.type}'`);
  }

  protected parseList(): Expr {
    this.expect("[");
    const items: Expr[] = [];
    while (!this.is("]")) {
      if (items.length) this.expect(",");
      if (this.is("]")) break;
      items.push(this.parseExpression());
    }
    this.expect("]");
    return { type: "list", items };
  }

  protected parseDict(): Expr {
    this.expect("{");
    const pairs: Array<[Expr, Expr]> = [];
    while (!this.is("}")) {
      if (pairs.length) this.expect(",");
      if (this.is("}")) break;
      const key = this.parseExpression();
      this.expect(":");
      pairs.push([key, this.parseExpression()]);
    }
    this.expect("}");
    return { type: "dict", pairs };
  }

  protected parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.is(".") || this.is("[")) node = this.parseSubscript(node);
      else if (this.is("(")) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.is("|")) node = this.parseFilter(node);
      else if (this.isName("is")) node = this.parseTest(node);
      else if (this.is("(")) node = this.parseCall(node);
      else return node;
    }
  }

  protected parseSubscript(node: Expr): Expr {
    if (this.skipIf(".")) {
      const attribute = this.next();
      if (attribute.type === "name") return { type: "getattr", target: node, name: attribute.value };
      if (attribute.type !== "integer") throw syntaxError("expected name or number");
      return { type: "getitem", target: node, key: { type: "const", value: attribute.number } };
    }
    this.expect("[");
    const keys: Expr[] = [];
    while (!this.is("]")) {
      if (keys.length) this.expect(",");
      keys.push(this.parseSubscribed());
    }
    this.expect("]");
    return { type: "getitem", target: node, key: keys.length === 1 ? keys[0] : { type: "tuple", items: keys } };
  }

  protected parseSubscribed(): Expr {
    let start: Expr | undefined;
    if (!this.is(":")) {
      start = this.parseExpression();
      if (!this.is(":")) return start;
    }
    this.next();
    const endsPart = () => this.is("]") || this.is(",") || this.is(":");
    const stop = endsPart() ? undefined : this.parseExpression();
    let step: Expr | undefined;
    if (this.skipIf(":") && !this.is("]") && !this.is(",")) step = this.parseExpression();
    return { type: "slice", start, stop, step };
  }

  protected parseCallArgs(): { args: Expr[]; kwargs: Array<[string, Expr]>; starArgs?: Expr; starKwargs?: Expr } {
    this.expect("(");
    const args: Expr[] = [];
    const kwargs: Array<[string, Expr]> = [];
    let starArgs: Expr | undefined;
    let starKwargs: Expr | undefined;
    let requireComma = false;
    while (!this.is(")")) {
      if (requireComma) {
        this.expect(",");
        if (this.is(")")) break;
      }
      if (this.skipIf("*")) starArgs = this.parseExpression();
      else if (this.skipIf("**")) starKwargs = this.parseExpression();
      else if (this.current.type === "name" && this.look().type === "operator" && this.look().value === "=") {
        const key = this.next().value;
        this.next();
        kwargs.push([key, this.parseExpression()]);
      } else {
        if (kwargs.length || starArgs || starKwargs) throw syntaxError("Invalid argument syntax");
        args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expect(")");
    return { args, kwargs, starArgs, starKwargs };
  }

  protected parseCall(node: Expr): Expr {
    return { type: "call", callee: node, ...this.parseCallArgs() };
  }

  protected dottedName(): string {
    let name = this.expectType("name").value;
    while (this.skipIf(".")) name += `.${this.expectType("name").value}`;
    return name;
  }

  protected parseFilter(node: Expr): Expr {
    while (this.skipIf("|")) {
      const name = this.dottedName();
      const call = this.is("(") ? this.parseCallArgs() : { args: [], kwargs: [] };
      node = { type: "filter", target: node, name, args: call.args, kwargs: call.kwargs };
    }
    return node;
  }

  protected parseTest(node: Expr): Expr {
    this.next();
    const negated = this.skipIf("not", "name");
    const name = this.dottedName();
    let args: Expr[] = [];
    let kwargs: Array<[string, Expr]> = [];
    if (this.is("(")) ({ args, kwargs } = this.parseCallArgs());
    else if (
      (TEST_ARGUMENT_START.has(this.current.type) || this.is("[") || this.is("{")) &&
      !(this.current.type === "name" && ["else", "or", "and"].includes(this.current.value))
    ) {
      if (this.isName("is")) throw syntaxError("You cannot chain multiple tests with is");
      args = [this.parsePostfix(this.parsePrimary())];
    }
    return { type: "test", target: node, name, args, kwargs, negated };
  }
}
