/**
 * Decoding captured requests with the runtime's own hardened parser, as a server would.
 */
import { childElements, firstChild, readSoapEnvelope, type XmlElement } from "@integrations/runtime";

export interface EswsWireCall {
  /** The operation element's local name, e.g. `Esws.syncMOCA`. */
  operation: string;
  /** Part names in the order they were sent. */
  order: string[];
  /** Part name → text; an Apache Map part → key → value. */
  params: Record<string, string | Record<string, string>>;
}

export function decodeEswsRequest(body: string): EswsWireCall {
  const envelope = readSoapEnvelope(body);
  const call = envelope.body.children[0];
  if (call === undefined) throw new Error("no operation element in the Body");
  const params: EswsWireCall["params"] = {};
  const order: string[] = [];
  for (const part of call.children) {
    order.push(part.name);
    const items = childElements(part, "item");
    if (items.length > 0 || part.attributes.some((a) => a.name === "type" && a.value.endsWith(":Map"))) {
      const map: Record<string, string> = {};
      for (const item of items)
        map[firstChild(item, "key")?.text ?? ""] = firstChild(item, "value")?.text ?? "";
      params[part.name] = map;
    } else {
      params[part.name] = part.text;
    }
  }
  return { operation: call.name, order, params };
}

export interface EduixWireCall {
  /** The Body's element, e.g. `createKeyRequest`. */
  element: string;
  /** Child element → text. */
  fields: Record<string, string>;
  /** The sessionID of authHeader/sessionIDHeader, if any. */
  sessionID: string | undefined;
  /** loginHeader username/password, if any. */
  username: string | undefined;
  password: string | undefined;
}

function textOf(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let current = el;
  for (const name of path) current = current === undefined ? undefined : firstChild(current, name);
  return current?.text;
}

export function decodeEduixRequest(body: string): EduixWireCall {
  const envelope = readSoapEnvelope(body);
  const element = envelope.body.children[0];
  if (element === undefined) throw new Error("no request element in the Body");
  const fields: Record<string, string> = {};
  for (const child of element.children) fields[child.name] = child.text;
  const header = envelope.header;
  return {
    element: element.name,
    fields,
    sessionID: textOf(header, "authHeader", "sessionIDHeader", "sessionID"),
    username: textOf(header, "loginHeader", "username"),
    password: textOf(header, "loginHeader", "password"),
  };
}
