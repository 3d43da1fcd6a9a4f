// "about two thousand records", "keep it to three workers", "look back two weeks": number words
// become digits before a message is read, so every rule that reads numbers reads these too.
// "one" alone stays a word ("the ecommerce one", "no one"); it counts inside a compound only.
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

const WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), "a", "and"].join("|")})`;
const PHRASE = new RegExp(`\\b${WORD}(?:[\\s-]+${WORD})*\\b`, "gi");

/** Groups said one after another without a scale: "five four three two", "fifty-four thirty-nine", "twenty twenty-three". */
function spokenDigits(words: string[]): string | null {
  if (words.some((word) => word in SCALES || word === "a" || word === "and")) return null;
  const groups: number[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word in TENS) {
      const next = words[index + 1];
      // "fifty-four": a tens word and a unit make one group.
      if (next !== undefined && next in UNITS && UNITS[next] < 10 && UNITS[next] > 0) {
        groups.push(TENS[word] + UNITS[next]);
        index++;
      } else groups.push(TENS[word]);
    } else groups.push(UNITS[word]);
  }
  if (groups.length < 2) return null;
  // Digits only ("five four three two"), or two-digit groups ("nineteen ninety-nine").
  if (groups.every((group) => group < 10)) return groups.join("");
  if (groups.every((group) => group >= 10)) return groups.map((group) => String(group).padStart(2, "0")).join("");
  return null;
}

function valueOf(words: string[]): number | null {
  const digits = spokenDigits(words);
  if (digits !== null) return Number(digits);
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    if (word === "and") continue;
    if (word === "a") {
      current = current || 1;
      continue;
    }
    if (word in UNITS) current += UNITS[word];
    else if (word in TENS) current += TENS[word];
    else if (word === "hundred") current = (current || 1) * 100;
    else {
      total += (current || 1) * SCALES[word];
      current = 0;
    }
    seen = true;
  }
  return seen ? total + current : null;
}

// Ordinals: "twenty-fifth" always; "first" only next to a month ("the first of June"), since
// "newest first" is no date.
const ORDINAL_UNITS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9 };
const ORDINAL_WHOLE: Record<string, number> = {
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const suffix = (n: number) => (n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th");

function ordinalsToDigits(text: string): string {
  const simple = `(?:${[...Object.keys(ORDINAL_UNITS), ...Object.keys(ORDINAL_WHOLE)].join("|")})`;
  return text
    .replace(new RegExp(`\\b(twenty|thirty)[\\s-]+(${Object.keys(ORDINAL_UNITS).join("|")})\\b`, "gi"), (_match, tens: string, unit: string) => {
      const n = TENS[tens.toLowerCase()] + ORDINAL_UNITS[unit.toLowerCase()];
      return `${n}${suffix(n)}`;
    })
    .replace(new RegExp(`\\b(${simple})(?=\\s+of\\s+${MONTH}\\b)|(?<=\\b${MONTH}\\s+(?:the\\s+)?)(${simple})\\b`, "gi"), (word: string) => {
      const n = ORDINAL_UNITS[word.toLowerCase()] ?? ORDINAL_WHOLE[word.toLowerCase()];
      return `${n}${suffix(n)}`;
    });
}

/** "fifty and twelve thousand" is two numbers; "one hundred and five" is one ("and" after a scale word). */
function splitAtAnd(phrase: string): string[] {
  const parts = phrase.split(/(\s+and\s+)/i);
  const out: string[] = [parts[0]];
  for (let index = 1; index < parts.length; index += 2) {
    const before = out[out.length - 1].trim().split(/[\s-]+/).pop()!.toLowerCase();
    if (before in SCALES) out[out.length - 1] += parts[index] + parts[index + 1];
    else out.push(parts[index], parts[index + 1]);
  }
  return out;
}

// After a word that counts things in order ("version one", "tier one"), a lone "one" is the number.
const COUNTED_ONE = /\b(version|release|level|tier|step|page|plan|phase|v)\s+one\b/gi;

// Before a unit of time ("one hour", "one day"), a lone "one" is the number too.
const ONE_OF_A_UNIT = /\bone(?=\s+(?:millisecond|second|minute|hour|day|week|month|year)\b)/gi;

export function numberWordsToDigits(text: string): string {
  return ordinalsToDigits(text).replace(COUNTED_ONE, "$1 1").replace(ONE_OF_A_UNIT, "1").replace(PHRASE, (whole) => splitAtAnd(whole).map((part, index) => (index % 2 ? part : numberPhrase(part))).join(""));
}

function numberPhrase(phrase: string): string {
  {
    const tokens = phrase.split(/([\s-]+)/);
    const words = tokens.filter((_token, index) => index % 2 === 0).map((word) => word.toLowerCase());
    // Words at either end that belong to the sentence ("and", "a" before no scale), and a lone
    // "one", stay words; only what is left between them is the number.
    let first = 0;
    let last = words.length - 1;
    while (first <= last && (words[first] === "and" || (words[first] === "a" && !(words[first + 1] in SCALES)))) first++;
    while (last >= first && (words[last] === "and" || words[last] === "a")) last--;
    const number = words.slice(first, last + 1);
    if (number.length === 0 || (number.length === 1 && number[0] === "one")) return phrase;
    const value = valueOf(number);
    if (value === null) return phrase;
    const lead = tokens.slice(0, first * 2).join("");
    const tail = tokens.slice((last + 1) * 2 - 1).join("");
    return `${lead}${value}${tail}`;
  }
}
