// xterm.js writes its theme, font and sizes into <style> elements it makes at run time, which
// this app's Content-Security-Policy (style-src 'self') refuses, leaving the terminal
// unstyled (https://github.com/xtermjs/xterm.js/issues/4445). On the serial page, a <style>
// made through document.createElement is an inert stand-in whose CSS goes into a constructed
// stylesheet adopted by the document: the CSS object model, which the policy does not govern.

let installed = false;

/** Routes run-time <style> elements of this document into adopted stylesheets; once. */
export function adoptRuntimeStyles(doc: Document = document): void {
  if (installed) return;
  installed = true;
  const create = doc.createElement.bind(doc);
  doc.createElement = ((tag: string, options?: ElementCreationOptions) => {
    if (tag.toLowerCase() !== "style") return create(tag, options);
    return styleStandIn(doc, create("template"));
  }) as typeof doc.createElement;
}

/**
 * A <template> (never rendered, its text never parsed as CSS) standing in for a <style>: its
 * textContent fills a constructed sheet, and removing it drops the sheet.
 */
function styleStandIn(doc: Document, el: HTMLElement): HTMLElement {
  const sheet = new CSSStyleSheet();
  let css = "";
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  Object.defineProperty(el, "textContent", {
    get: () => css,
    set: (value: string | null) => {
      css = value ?? "";
      sheet.replaceSync(css);
    },
  });
  const remove = el.remove.bind(el);
  el.remove = () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    remove();
  };
  return el;
}
