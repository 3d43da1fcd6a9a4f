// The template tree the parser builds and the evaluator walks. Expression nodes mirror Jinja's
// (jinja2/nodes.py) so that precedence and evaluation order follow it.
export type Expr =
  | { type: "const"; value: unknown }
  | { type: "name"; name: string }
  | { type: "list"; items: Expr[] }
  | { type: "tuple"; items: Expr[] }
  | { type: "dict"; pairs: Array<[Expr, Expr]> }
  | { type: "getattr"; target: Expr; name: string }
  | { type: "getitem"; target: Expr; key: Expr }
  | { type: "slice"; start?: Expr; stop?: Expr; step?: Expr }
  | { type: "call"; callee: Expr; args: Expr[]; kwargs: Array<[string, Expr]>; starArgs?: Expr; starKwargs?: Expr }
  | { type: "filter"; target: Expr; name: string; args: Expr[]; kwargs: Array<[string, Expr]> }
  | { type: "test"; target: Expr; name: string; args: Expr[]; kwargs: Array<[string, Expr]>; negated: boolean }
  | { type: "unary"; operator: "-" | "+" | "not"; operand: Expr }
  | { type: "binary"; operator: string; left: Expr; right: Expr }
  | { type: "concat"; items: Expr[] }
  | { type: "compare"; first: Expr; rest: Array<[string, Expr]> }
  | { type: "and" | "or"; left: Expr; right: Expr }
  | { type: "cond"; test: Expr; then: Expr; otherwise?: Expr };

/** What `for` and `set` assign to: a name or a tuple of names. */
export type Target = { type: "name"; name: string } | { type: "tuple"; items: Target[] };

export type Stmt =
  | { type: "data"; text: string }
  | { type: "output"; expr: Expr }
  | { type: "if"; branches: Array<{ test: Expr; body: Stmt[] }>; otherwise: Stmt[] }
  | { type: "for"; target: Target; iter: Expr; body: Stmt[]; otherwise: Stmt[]; condition?: Expr }
  | { type: "set"; target: Target; value: Expr }
  | { type: "set_block"; name: string; body: Stmt[] };
