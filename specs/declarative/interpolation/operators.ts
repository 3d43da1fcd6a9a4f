// Python's arithmetic operators over template values: numbers (int/float/bool), string and list
// concatenation and repetition, `%` formatting, and datetime/timedelta/Duration arithmetic.
// Anything Python refuses is a TypeError (which the CDK turns into "return the template as is").
import { addDuration, PyDate, PyDateTime, PyDuration, PyTimedelta } from "./datetime.ts";
import { pyError, typeError } from "./errors.ts";
import { percentFormat } from "./string-format.ts";
import { isFloat, isInt, isNumber, isTuple, makeFloat, numberOf, tuple, typeName, Undefined } from "./values.ts";

const SYMBOL: Record<string, string> = { "+": "+", "-": "-", "*": "*", "/": "/", "//": "//", "%": "%", "**": "** or pow()" };

function unsupported(operator: string, left: unknown, right: unknown): never {
  throw typeError(`unsupported operand type(s) for ${SYMBOL[operator] ?? operator}: '${typeName(left)}' and '${typeName(right)}'`);
}

function numeric(operator: string, left: unknown, right: unknown): unknown {
  const a = numberOf(left);
  const b = numberOf(right);
  const floating = isFloat(left) || isFloat(right);
  const result = (value: number) => (floating ? makeFloat(value) : value);
  switch (operator) {
    case "+": return result(a + b);
    case "-": return result(a - b);
    case "*": return result(a * b);
    case "/":
      if (b === 0) throw pyError("ZeroDivisionError", "division by zero");
      return makeFloat(a / b);
    case "//":
      if (b === 0) throw pyError("ZeroDivisionError", "integer division or modulo by zero");
      return result(Math.floor(a / b));
    case "%": {
      if (b === 0) throw pyError("ZeroDivisionError", "integer modulo by zero");
      const remainder = a % b;
      return result(remainder !== 0 && (remainder < 0) !== (b < 0) ? remainder + b : remainder);
    }
    case "**": {
      if (a === 0 && b < 0) throw pyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      const value = a ** b;
      return floating || b < 0 ? makeFloat(value) : value;
    }
  }
  return unsupported(operator, left, right);
}

function repeat(sequence: string | unknown[], times: number): string | unknown[] {
  const count = Math.max(0, times);
  if (typeof sequence === "string") return sequence.repeat(count);
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) items.push(...sequence);
  return isTuple(sequence) ? tuple(items) : items;
}

function dateArithmetic(operator: string, left: unknown, right: unknown): unknown {
  const isDateLike = (value: unknown) => value instanceof PyDateTime || value instanceof PyDate;
  if (operator === "+") {
    if (isDateLike(left) && right instanceof PyTimedelta) return shiftDate(left as PyDateTime | PyDate, right);
    if (left instanceof PyTimedelta && isDateLike(right)) return shiftDate(right as PyDateTime | PyDate, left);
    if (left instanceof PyTimedelta && right instanceof PyTimedelta) return new PyTimedelta(left.micros + right.micros);
    if (isDateLike(left) && right instanceof PyDuration) return addDuration(left as PyDateTime | PyDate, right);
    if (left instanceof PyDuration && isDateLike(right)) return addDuration(right as PyDateTime | PyDate, left);
  }
  if (operator === "-") {
    if (isDateLike(left) && right instanceof PyTimedelta) return shiftDate(left as PyDateTime | PyDate, new PyTimedelta(-right.micros));
    if (left instanceof PyDateTime && right instanceof PyDateTime) return left.minus(right);
    if (left instanceof PyDate && right instanceof PyDate) return PyTimedelta.of({ days: left.ordinal - right.ordinal });
    if (left instanceof PyTimedelta && right instanceof PyTimedelta) return new PyTimedelta(left.micros - right.micros);
    if (isDateLike(left) && right instanceof PyDuration) return addDuration(left as PyDateTime | PyDate, right.negate());
  }
  if (left instanceof PyTimedelta && isNumber(right) && (operator === "*" || operator === "/" || operator === "//")) {
    const factor = numberOf(right);
    if (operator === "*") return new PyTimedelta(BigInt(Math.round(Number(left.micros) * factor)));
    if (factor === 0) throw pyError("ZeroDivisionError", "division by zero");
    return new PyTimedelta(BigInt(operator === "//" ? Math.floor(Number(left.micros) / factor) : Math.round(Number(left.micros) / factor)));
  }
  if (left instanceof PyTimedelta && right instanceof PyTimedelta && operator === "/") return makeFloat(Number(left.micros) / Number(right.micros));
  return undefined;
}

function shiftDate(value: PyDateTime | PyDate, delta: PyTimedelta): PyDateTime | PyDate {
  if (value instanceof PyDateTime) return value.plus(delta);
  return new PyDate(value.ordinal + delta.days);
}

export function binaryOperation(operator: string, left: unknown, right: unknown): unknown {
  if (left instanceof Undefined) left.fail();
  if (right instanceof Undefined) right.fail();
  if (isNumber(left) && isNumber(right)) return numeric(operator, left, right);
  if (operator === "+") {
    if (typeof left === "string" && typeof right === "string") return left + right;
    if (Array.isArray(left) && Array.isArray(right) && isTuple(left) === isTuple(right)) {
      const joined = [...left, ...right];
      return isTuple(left) ? tuple(joined) : joined;
    }
  }
  if (operator === "*") {
    if ((typeof left === "string" || Array.isArray(left)) && isInt(right)) return repeat(left, right);
    if (isInt(left) && (typeof right === "string" || Array.isArray(right))) return repeat(right, left);
  }
  if (operator === "%" && typeof left === "string") return percentFormat(left, right);
  const dated = dateArithmetic(operator, left, right);
  if (dated !== undefined) return dated;
  return unsupported(operator, left, right);
}

export function unaryOperation(operator: "-" | "+", operand: unknown): unknown {
  if (operand instanceof Undefined) operand.fail();
  if (isNumber(operand)) {
    const value = numberOf(operand);
    const result = operator === "-" ? -value : value;
    return isFloat(operand) ? makeFloat(result) : result;
  }
  if (operand instanceof PyTimedelta) return operator === "-" ? new PyTimedelta(-operand.micros) : operand;
  if (operand instanceof PyDuration) return operator === "-" ? operand.negate() : operand;
  throw typeError(`bad operand type for unary ${operator}: '${typeName(operand)}'`);
}
