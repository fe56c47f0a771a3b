// Building DOM nodes from script, text always as text (never parsed as HTML).

// element("p", { text: "Saved.", class: "flag-line", "data-testid": "x" }, [child, ...]):
// `text` sets textContent, `class` the class name, any other name an attribute (true: an
// empty one); undefined, null, false and "" leave it out. Children may be nodes or strings;
// null and undefined among them are skipped.
export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false || value === "") {
      continue;
    }
    if (name === "text") {
      node.textContent = value;
    } else if (name === "class") {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}
