// Jinja's built-in tests (`x is none`, `x is defined`, `is divisibleby 3`, `selectattr(..., 'equalto', ...)`).
import { typeError } from "./errors.ts";
import {
  hasKey, isFloat, isInt, isMapping, numberOf, pyCompare, pyContains, pyEquals, PyFunction, PyGenerator, Undefined,
} from "./values.ts";

export type TestFunction = (value: unknown, ...args: unknown[]) => boolean;

const isNumberValue = (value: unknown) => typeof value === "number" || typeof value === "boolean" || isFloat(value);
const iterable = (value: unknown) =>
  typeof value === "string" || Array.isArray(value) || isMapping(value) || value instanceof PyGenerator || value instanceof Undefined;

function integerArgument(value: unknown): number {
  if (value instanceof Undefined) value.fail();
  if (!isNumberValue(value)) throw typeError(`unsupported operand type(s) for %: '${typeof value}' and 'int'`);
  return numberOf(value);
}

const equal: TestFunction = (value, other) => pyEquals(value, other);
const notEqual: TestFunction = (value, other) => !pyEquals(value, other);
const compare = (operator: string): TestFunction => (value, other) => pyCompare(value, other, operator);

export const TESTS: Record<string, TestFunction> = {
  defined: (value) => !(value instanceof Undefined),
  undefined: (value) => value instanceof Undefined,
  none: (value) => value === null || value === undefined,
  boolean: (value) => typeof value === "boolean",
  false: (value) => value === false,
  true: (value) => value === true,
  integer: (value) => isInt(value),
  float: (value) => isFloat(value),
  number: isNumberValue,
  string: (value) => typeof value === "string",
  mapping: (value) => isMapping(value),
  iterable,
  sequence: (value) => typeof value === "string" || Array.isArray(value) || isMapping(value),
  callable: (value) => value instanceof PyFunction,
  // Python identity: None/True/False and small ints are singletons; strings from the context
  // and from the template are distinct objects; containers are the same only when identical.
  sameas: (value, other) => {
    const none = (item: unknown) => item === null || item === undefined;
    if (none(value) || none(other)) return none(value) && none(other);
    if (typeof value === "string") return false;
    if (typeof value === "number") return isInt(value) && value >= -5 && value <= 256 && value === other;
    return value === other;
  },
  escaped: () => false,
  in: (value, sequence) => pyContains(sequence, value),
  odd: (value) => integerArgument(value) % 2 !== 0,
  even: (value) => integerArgument(value) % 2 === 0,
  divisibleby: (value, divisor) => integerArgument(value) % integerArgument(divisor) === 0,
  lower: (value) => typeof value === "string" && value === value.toLowerCase(),
  upper: (value) => typeof value === "string" && value === value.toUpperCase(),
  eq: equal, equalto: equal, "==": equal,
  ne: notEqual, "!=": notEqual,
  lt: compare("<"), lessthan: compare("<"), "<": compare("<"),
  le: compare("<="), "<=": compare("<="),
  gt: compare(">"), greaterthan: compare(">"), ">": compare(">"),
  ge: compare(">="), ">=": compare(">="),
};

/** Names a `filter`/`test` test can ask about; set by the filter table to avoid an import cycle. */
export const registry: { filters: Set<string> } = { filters: new Set() };
TESTS.filter = (value) => typeof value === "string" && registry.filters.has(value);
TESTS.test = (value) => typeof value === "string" && hasKey(TESTS, value);
