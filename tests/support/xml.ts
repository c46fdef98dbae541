/**
 * A small XML 1.0 well-formedness check and element reader for the SVG tests, so they need no XML library:
 * one root element, every tag closed in order, attributes `name="value"` once each, and `<` and `&` in text
 * or attribute values only as entity references (XML 1.0, sections 2.1, 2.4, 3.1).
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (entities decoded), children's text not included. */
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][\w.:-]*$/;

function decode(text: string, where: string): string {
  return text.replace(/&([^;\s&]*);?/g, (whole: string, entity: string) => {
    if (!whole.endsWith(";")) throw new Error(`${where}: a bare "&" (write &amp;)`);
    const numeric = /^#(\d+|x[0-9a-fA-F]+)$/.exec(entity);
    if (numeric)
      return String.fromCodePoint(Number(entity.startsWith("#x") ? `0${entity.slice(1)}` : entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`${where}: unknown entity &${entity};`);
    return value;
  });
}

function readAttributes(source: string, tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let rest = source.trim();
  while (rest !== "") {
    const match = /^([^\s=]+)="([^"]*)"(\s+|$)/.exec(rest);
    if (!match) throw new Error(`<${tag}>: malformed attributes at "${rest.slice(0, 30)}"`);
    const [whole, name, value] = match as unknown as [string, string, string];
    if (!NAME.test(name)) throw new Error(`<${tag}>: "${name}" is not an attribute name`);
    if (name in attributes) throw new Error(`<${tag}>: attribute ${name} given twice`);
    if (value.includes("<")) throw new Error(`<${tag}>: "<" in the value of ${name}`);
    attributes[name] = decode(value, `<${tag} ${name}>`);
    rest = rest.slice(whole.length);
  }
  return attributes;
}

/** Parses `xml`, throwing an Error that says what is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const addText = (text: string) => {
    const top = stack.at(-1);
    if (top === undefined) {
      if (text.trim() !== "") throw new Error(`text outside the root element: "${text.trim().slice(0, 30)}"`);
      return;
    }
    top.text += decode(text, `<${top.name}> text`);
  };
  while (at < body.length) {
    const open = body.indexOf("<", at);
    if (open < 0) {
      addText(body.slice(at));
      break;
    }
    addText(body.slice(at, open));
    const close = body.indexOf(">", open);
    if (close < 0) throw new Error("a tag is not closed with >");
    const tag = body.slice(open + 1, close);
    at = close + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const top = stack.pop();
      if (top?.name !== name) throw new Error(`</${name}> closes <${top?.name ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const inner = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^\S+/.exec(inner)?.[0] ?? "";
    if (!NAME.test(name)) throw new Error(`"<${tag.slice(0, 30)}" is not a tag`);
    const element: XmlElement = {
      name,
      attributes: readAttributes(inner.slice(name.length), name),
      children: [],
      text: "",
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error(`a second root element <${name}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below (and including) `element`, depth first. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}
