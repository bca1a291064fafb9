export {
  escapeXmlAttr,
  escapeXmlText,
  findInvalidXmlChar,
  formatCodePoint,
  type InvalidXmlChar,
  isXmlChar,
} from "./escape.js";
export {
  attribute,
  childElements,
  childText,
  firstChild,
  type ParseXmlOptions,
  parseXml,
  XML_DEFAULT_MAX_DEPTH,
  XML_DEFAULT_MAX_LENGTH,
  type XmlAttribute,
  type XmlElement,
} from "./parse.js";
