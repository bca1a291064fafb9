/**
 * Limits on the shape of a request body, checked before anything else looks at it. The vendors' requests
 * are small and shallow (an ESWS call is 6 levels deep with at most 15 parameters and 14 info fields; an
 * Edu-iX call 5 levels with a handful of fields; a Moka body 3 levels with at most 4 members per object), so
 * these leave wide room while keeping the work per request small and linear in its size.
 */

/** Deepest element nesting of an XML request (the Envelope is depth 1). */
export const MAX_XML_DEPTH = 32;
/** Most child elements of any one XML element. */
export const MAX_XML_CHILDREN = 100;
/** Deepest nesting of objects and arrays in a JSON request (the body itself is depth 1). */
export const MAX_JSON_DEPTH = 32;
/** Most members of any one JSON object, or items of any one array. */
export const MAX_JSON_MEMBERS = 100;
