// Python's two string-formatting mini-languages: `"%02d" % x` (printf style) and
// `"{}/{:>5}".format(...)`, for the conversions templates use (s, r, d, i, f, e, g, x, o, b, c, %).
import { pyError, typeError, valueError } from "./errors.ts";
import { pyRepr, pyStr } from "./py-str.ts";
import { hasKey, isDict, isFloat, own, isNumber, isTuple, mappingData, isMapping, numberOf, typeName, type Kwargs } from "./values.ts";

function trimFloat(text: string): string {
  return text.includes("e") ? text.replace(/\.?0+e/, "e") : text.replace(/\.?0+$/, "");
}

function exponent(value: number, precision: number, upper: boolean): string {
  const [mantissa, power] = value.toExponential(precision).split("e");
  const text = `${mantissa}e${power[0] === "-" ? "-" : "+"}${power.replace(/^[+-]/, "").padStart(2, "0")}`;
  return upper ? text.toUpperCase() : text;
}

function general(value: number, precision: number, alternate: boolean, upper: boolean): string {
  const digits = precision === 0 ? 1 : precision;
  if (value === 0) return alternate ? (0).toFixed(digits - 1) : "0";
  const power = Math.floor(Math.log10(Math.abs(Number(value.toExponential(digits - 1)))));
  const text = power < -4 || power >= digits ? exponent(value, digits - 1, upper) : value.toFixed(Math.max(0, digits - 1 - power));
  return alternate ? text : trimFloat(text);
}

/** Formats a number for conversion `type` ("d", "f", "e", "g", "x", "o", "b", "%"). */
function formatNumber(value: number, type: string, precision: number | undefined, alternate: boolean): string {
  const magnitude = Math.abs(value);
  let body: string;
  switch (type) {
    case "d": case "i": case "u": case "n": body = String(Math.trunc(magnitude)); break;
    case "f": case "F": body = magnitude.toFixed(precision ?? 6); break;
    case "e": case "E": body = exponent(magnitude, precision ?? 6, type === "E"); break;
    case "g": case "G": body = general(magnitude, precision ?? 6, alternate, type === "G"); break;
    case "%": body = `${(magnitude * 100).toFixed(precision ?? 6)}%`; break;
    case "x": case "X": body = (alternate ? "0x" : "") + Math.trunc(magnitude).toString(16); if (type === "X") body = body.toUpperCase(); break;
    case "o": body = (alternate ? "0o" : "") + Math.trunc(magnitude).toString(8); break;
    case "b": body = (alternate ? "0b" : "") + Math.trunc(magnitude).toString(2); break;
    default: throw valueError(`Unknown format code '${type}'`);
  }
  return value < 0 || Object.is(value, -0) ? `-${body}` : body;
}

function applyWidth(text: string, width: number, align: string, fill: string, numeric: boolean): string {
  if (text.length >= width) return text;
  const padding = width - text.length;
  if (align === "=" && numeric) {
    const sign = /^[+\- ]/.test(text) ? text[0] : "";
    const prefix = /^[+\- ]?0[xob]/i.exec(text)?.[0] ?? sign;
    return prefix + fill.repeat(padding) + text.slice(prefix.length);
  }
  if (align === "<") return text + fill.repeat(padding);
  if (align === "^") return fill.repeat(Math.floor(padding / 2)) + text + fill.repeat(Math.ceil(padding / 2));
  return fill.repeat(padding) + text;
}

export function percentFormat(format: string, argument: unknown): string {
  const positional = isTuple(argument) ? argument : [argument];
  const mapping = isMapping(argument) ? mappingData(argument) : undefined;
  let next = 0;
  const take = () => {
    if (next >= positional.length) throw typeError("not enough arguments for format string");
    return positional[next++];
  };
  let usedMapping = false;
  const out = format.replace(/%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g, (_whole, key: string | undefined, flags: string, widthText, precisionText, type: string) => {
    if (type === "%" && key === undefined) return "%";
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw typeError("format requires a mapping");
      usedMapping = true;
      value = own(mapping, key);
    }
    const width = widthText === "*" ? numberOf(take()) : widthText ? Number(widthText) : 0;
    const precision = precisionText === "*" ? numberOf(take()) : precisionText !== undefined ? Number(precisionText) : undefined;
    if (key === undefined) value = take();
    let text: string;
    if (type === "s") text = pyStr(value);
    else if (type === "r" || type === "a") text = pyRepr(value);
    else if (type === "c") text = typeof value === "string" ? value : String.fromCodePoint(numberOf(value));
    else {
      if (!isNumber(value)) throw typeError(`%${type} format: a real number is required, not ${typeName(value)}`);
      text = formatNumber(numberOf(value), type, precision, flags.includes("#"));
      if (!text.startsWith("-") && flags.includes("+")) text = `+${text}`;
      else if (!text.startsWith("-") && flags.includes(" ")) text = ` ${text}`;
    }
    if ((type === "s" || type === "r") && precision !== undefined) text = text.slice(0, precision);
    const numeric = !"src".includes(type);
    const zero = flags.includes("0") && !flags.includes("-") && numeric;
    return applyWidth(text, width, flags.includes("-") ? "<" : zero ? "=" : ">", zero ? "0" : " ", numeric);
  });
  if (!usedMapping && !mapping && next < positional.length) throw typeError("not all arguments converted during string formatting");
  return out;
}

/** One `{...}` replacement of str.format: `format_spec` applied to a value. */
export function formatSpec(value: unknown, spec: string): string {
  const match = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!match) throw valueError(`Invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign, , alternate, zero, widthText, grouping, precisionText, typeChar] = match;
  const precision = precisionText !== undefined ? Number(precisionText) : undefined;
  const width = widthText ? Number(widthText) : 0;
  let text: string;
  let numeric = false;
  if (isNumber(value) && typeof value !== "string") {
    numeric = true;
    const number = numberOf(value);
    const type = typeChar ?? (isFloat(value) ? (precision !== undefined ? "g" : "") : "d");
    if (type === "") text = pyStr(value);
    else if (type === "c") text = String.fromCodePoint(number);
    else if (type === "s") throw valueError(`Unknown format code 's' for object of type '${typeName(value)}'`);
    else text = formatNumber(number, type, precision, Boolean(alternate));
    if (grouping) text = text.replace(/^(-?)(\d+)/, (_all, minus: string, digits: string) => minus + digits.replace(/\B(?=(\d{3})+(?!\d))/g, grouping));
    if (!text.startsWith("-") && sign === "+") text = `+${text}`;
    else if (!text.startsWith("-") && sign === " ") text = ` ${text}`;
  } else {
    if (typeChar && typeChar !== "s") throw valueError(`Unknown format code '${typeChar}' for object of type '${typeName(value)}'`);
    text = pyStr(value);
    if (precision !== undefined) text = text.slice(0, precision);
  }
  const align = alignChar ?? (zero && numeric ? "=" : numeric ? ">" : "<");
  return applyWidth(text, width, align, fillChar ?? (zero && !alignChar ? "0" : " "), numeric);
}

function resolveField(field: string, args: unknown[], kwargs: Kwargs, auto: { next: number }): unknown {
  const head = /^[^.[]*/.exec(field)![0];
  let value: unknown;
  if (head === "") value = args[auto.next++];
  else if (/^\d+$/.test(head)) value = args[Number(head)];
  else {
    if (!hasKey(kwargs, head)) throw pyError("KeyError", `'${head}'`);
    value = kwargs[head];
  }
  if (head === "" ? auto.next - 1 >= args.length : /^\d+$/.test(head) && Number(head) >= args.length) {
    throw pyError("IndexError", `Replacement index ${head || auto.next - 1} out of range for positional args tuple`);
  }
  for (const part of field.slice(head.length).matchAll(/\.(\w+)|\[([^\]]*)\]/g)) {
    // `.name` is getattr, which plain values here do not answer; `[key]` is an item lookup.
    if (part[1] !== undefined) throw pyError("AttributeError", `'${typeName(value)}' object has no attribute '${part[1]}'`);
    const key = part[2];
    if (isDict(value) && hasKey(value, key)) value = value[key];
    else if (Array.isArray(value) && /^\d+$/.test(key) && Number(key) < value.length) value = value[Number(key)];
    else throw pyError(Array.isArray(value) ? "IndexError" : "KeyError", `'${key}'`);
  }
  return value;
}

export function strFormat(format: string, args: unknown[], kwargs: Kwargs): string {
  const auto = { next: 0 };
  return format.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (whole, field: string | undefined, conversion: string | undefined, spec: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    let value = resolveField(field ?? "", args, kwargs, auto);
    if (conversion === "r" || conversion === "a") value = pyRepr(value);
    else if (conversion === "s") value = pyStr(value);
    return spec ? formatSpec(value, spec) : pyStr(value);
  });
}
