/**
 * Reading `getKeyResponse` (doc "getKey > Response": key 0...n; "Complex types > key").
 */
import { type Key, validateGetKeyResponse } from "@integrations/eduix-types";
import { assertValidResponse, childElements, firstChild, type XmlElement } from "@integrations/runtime";

/** xsd:integer's lexical form: optional sign, digits (leading zeros allowed); whitespace is trimmed. */
const INTEGER = /^[+-]?\d+$/;

/**
 * Every key, in document order: always an array (0, 1 or n keys). profileID becomes a number: it is at
 * most 9999999999 (contract `profileID`), above int32 but far below 2^53, so a JS number holds it exactly.
 * Optional members absent on the wire are absent from the object. The result is checked against the
 * generated response validator, so a missing or out-of-range profileID or an over-long ID is a
 * MalformedResponseError("schema") naming the field.
 */
export function readKeys(response: XmlElement, operation: string, status: number): Key[] {
  const keys = childElements(response, "key").map((element) => {
    const key: Record<string, unknown> = {};
    const profileID = firstChild(element, "profileID");
    if (profileID !== undefined) {
      const text = profileID.text.trim();
      // A non-integer stays a string, so the schema check below reports the field and the `type` rule.
      key.profileID = INTEGER.test(text) ? Number(text) : text;
    }
    const distributorPersonID = firstChild(element, "distributorPersonID");
    if (distributorPersonID !== undefined) key.distributorPersonID = distributorPersonID.text;
    const userID = firstChild(element, "userID");
    if (userID !== undefined) key.userID = userID.text;
    return key;
  });
  assertValidResponse(validateGetKeyResponse, { key: keys }, operation, status);
  return keys as unknown as Key[];
}
