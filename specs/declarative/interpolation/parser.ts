// Jinja templates: text, `{{ expression }}` and the statements manifests use: if/elif/else, for
// (with else, an inline if, tuple targets) and set (and block set). Expressions are parsed by
// ExpressionParser, which follows jinja2/parser.py.
import type { Expr, Stmt, Target } from "./ast.ts";
import { syntaxError } from "./errors.ts";
import { ExpressionParser } from "./expression-parser.ts";
import { tokenize } from "./lexer.ts";

class TemplateParser extends ExpressionParser {
  parseTemplate(): Stmt[] {
    const body = this.subparse([]);
    if (this.current.type !== "eof") throw syntaxError(`Encountered unknown tag '${this.current.value}'`);
    return body;
  }

  /** Statements up to one of `endTokens` (left current, its block_begin consumed) or the end. */
  private subparse(endTokens: string[]): Stmt[] {
    const body: Stmt[] = [];
    for (;;) {
      const token = this.current;
      if (token.type === "eof") return body;
      if (token.type === "data") {
        body.push({ type: "data", text: token.value });
        this.next();
      } else if (token.type === "variable_begin") {
        this.next();
        body.push({ type: "output", expr: this.parseTuple({ withCondexpr: true }) });
        this.expectType("variable_end");
      } else if (token.type === "block_begin") {
        this.next();
        if (this.current.type === "name" && endTokens.includes(this.current.value)) return body;
        body.push(this.parseStatement());
      } else throw syntaxError(`unexpected '${token.value}'`);
    }
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipIf(":");
    this.expectType("block_end");
    const body = this.subparse(endTokens);
    if (this.current.type === "eof") throw syntaxError(`Unexpected end of template. Jinja was looking for: ${endTokens.join(", ")}`);
    if (dropNeedle) this.next();
    return body;
  }

  private parseStatement(): Stmt {
    const token = this.current;
    if (token.type !== "name") throw syntaxError("tag name expected");
    let statement: Stmt;
    if (token.value === "if") statement = this.parseIf();
    else if (token.value === "for") statement = this.parseFor();
    else if (token.value === "set") statement = this.parseSet();
    else throw syntaxError(`Encountered unknown tag '${token.value}'`);
    this.expectType("block_end");
    return statement;
  }

  private parseIf(): Stmt {
    this.next();
    const branches: Array<{ test: Expr; body: Stmt[] }> = [];
    let otherwise: Stmt[] = [];
    for (;;) {
      const test = this.parseTuple({ withCondexpr: false });
      const body = this.parseStatements(["elif", "else", "endif"]);
      branches.push({ test, body });
      const token = this.next();
      if (token.value === "elif") continue;
      if (token.value === "else") otherwise = this.parseStatements(["endif"], true);
      break;
    }
    return { type: "if", branches, otherwise };
  }

  private parseFor(): Stmt {
    this.next();
    const target = this.parseAssignTarget(["in"]);
    this.expect("in", "name");
    const iter = this.parseTuple({ withCondexpr: false, extraEnd: ["recursive"] });
    const condition = this.skipIf("if", "name") ? this.parseExpression(true) : undefined;
    if (this.skipIf("recursive", "name")) throw syntaxError("recursive loops are not supported");
    const body = this.parseStatements(["endfor", "else"]);
    const otherwise = this.next().value === "endfor" ? [] : this.parseStatements(["endfor"], true);
    return { type: "for", target, iter, body, otherwise, condition };
  }

  private parseSet(): Stmt {
    this.next();
    const target = this.parseAssignTarget([]);
    if (this.skipIf("=")) return { type: "set", target, value: this.parseTuple({ withCondexpr: true }) };
    if (target.type !== "name") throw syntaxError("a block set assigns one name");
    if (this.is("|")) throw syntaxError("filters on block set are not supported");
    return { type: "set_block", name: target.name, body: this.parseStatements(["endset"], true) };
  }

  private parseAssignTarget(extraEnd: string[]): Target {
    const items: Target[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expect(",");
      if (this.isTupleEnd(extraEnd)) break;
      const name = this.expectType("name").value;
      if (["true", "false", "none", "True", "False", "None"].includes(name)) throw syntaxError(`can't assign to '${name}'`);
      items.push({ type: "name", name });
      if (this.is(",")) isTuple = true;
      else break;
    }
    if (!isTuple && items.length === 1) return items[0];
    return { type: "tuple", items };
  }

}

export function parseTemplate(source: string): Stmt[] {
  return new TemplateParser(tokenize(source)).parseTemplate();
}
