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

function valueOf(words: string[]): number | null {
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

export function numberWordsToDigits(text: string): string {
  return text.replace(PHRASE, (phrase) => {
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
  });
}
