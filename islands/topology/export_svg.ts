// "Download SVG": the graph as drawn, as a file that looks the same outside the page — each
// element's computed colours and fonts written onto it (the page's classes and theme variables
// do not travel), links made plain text.

/** The presentation properties the graph's stylesheet sets. */
const PROPERTIES = [
  "fill",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
] as const;

/** The SVG document of `svg` at its natural size, styles inlined. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  live.forEach((element, i) => {
    const style = getComputedStyle(element);
    for (const name of PROPERTIES) copies[i].setAttribute(name, style.getPropertyValue(name));
  });
  const [, , width, height] = (svg.getAttribute("viewBox") ?? "0 0 0 0").split(" ");
  copy.setAttribute("width", width);
  copy.setAttribute("height", height);
  copy.removeAttribute("class");
  const background = getComputedStyle(svg.parentElement ?? svg).backgroundColor;
  const backdrop = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  backdrop.setAttribute("width", "100%");
  backdrop.setAttribute("height", "100%");
  backdrop.setAttribute("fill", background);
  copy.prepend(backdrop);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** Offers `svg` as a download named `name`. */
export function downloadSvg(svg: SVGSVGElement, name: string): void {
  const blob = new Blob([standaloneSvg(svg)], { type: "image/svg+xml" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
