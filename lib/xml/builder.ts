// The one XML builder configuration for the documents we write (fast-xml-parser): every value
// goes in as a text node or an attribute, which the builder escapes; elements with nothing in
// them are left out.

import { XMLBuilder } from "fast-xml-parser";

/** Builds `{"@attr": …, child: …}` objects into indented XML. */
export const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
});
