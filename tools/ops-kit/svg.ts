/**
 * Just enough SVG building for the pictures operators look at (the drill's timeline, the dashboard): escaped
 * text and attributes, numbers kept short.
 */

/** XML 1.0: `&`, `<` and `>` in text, and `"` in a double-quoted attribute, must be written as entities. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** One decimal at most, so the same drawing always prints the same bytes. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? num(value) : escapeXml(value)}"`)
    .join("");
}

/** An element; `children` are already-built elements, or text when given as `{ text }`. */
export function el(
  name: string,
  attrs: Attributes = {},
  children: readonly string[] | { text: string } = [],
): string {
  const content = "text" in children ? escapeXml(children.text) : children.join("\n");
  if (content === "") return `<${name}${attributes(attrs)}/>`;
  return "text" in children
    ? `<${name}${attributes(attrs)}>${content}</${name}>`
    : `<${name}${attributes(attrs)}>\n${content}\n</${name}>`;
}
