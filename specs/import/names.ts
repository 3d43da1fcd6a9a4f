// Words for generated names: snake_case keys for config fields and tables, titles for people.

export function snakeCase(text: string): string {
  return text
    .replace(/\.(json|xml|csv)$/i, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

export function titleCase(text: string): string {
  const words = snakeCase(text).split("_").filter(Boolean);
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join(" ") || text;
}

/** `posts` → `post`, `categories` → `category`: enough to match `userId` to `/users`. */
export function singular(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + "y";
  if (/(ses|xes|zes|ches|shes)$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && !/ss$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** A connector name from a title: `source-<slug>`. */
export function sourceName(title: string): string {
  const slug = snakeCase(title).replace(/_/g, "-").slice(0, 60) || "imported-api";
  return `source-${slug}`;
}
