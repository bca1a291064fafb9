export {
  escapeXmlAttr,
  escapeXmlText,
  findInvalidXmlChar,
  formatCodePoint,
  type InvalidXmlChar,
  isXmlChar,
} from "./escape.js";
export type { XmlNamespaceScope } from "./namespace-scope.js";
export {
  attribute,
  childElements,
  childText,
  firstChild,
  type ParseXmlOptions,
  parseXml,
  type ScopedXmlElement,
  XML_DEFAULT_MAX_DEPTH,
  XML_DEFAULT_MAX_LENGTH,
  type XmlAttribute,
  type XmlElement,
} from "./parse.js";
