/**
 * SOAP 1.1 rpc/encoded, as PHP SOAP servers (NuSOAP, ext/soap) expect it: the operation element in the
 * service namespace, every part an unqualified element with an `xsi:type`, `encodingStyle` on the operation
 * element. Parts are written in the given order and with the given names, because NuSOAP maps them by
 * position and ext/soap in WSDL mode by name.
 */
import { MalformedResponseError, ValidationError, type ValidationIssue } from "../errors.js";
import { escapeXmlAttr } from "../xml/escape.js";
import { firstChild, type XmlElement } from "../xml/parse.js";
import { APACHE_SOAP_NS, SOAP11_ENCODING_NS, SOAP11_ENVELOPE_NS, XSD_NS, XSI_NS } from "./namespaces.js";
import { assertNamespace, assertNcName, textContent } from "./write-value.js";

/**
 * A part's value. A record is written as an Apache `ns2:Map` (PHP's associative array, insertion order);
 * an array as a `SOAP-ENC:Array` of `xsd:string`.
 */
export type RpcValue = string | number | boolean | Readonly<Record<string, string>> | ReadonlyArray<string>;

export interface RpcPart {
  readonly name: string;
  /**
   * Qualified with the prefixes this writer declares: `xsd:` (XML Schema), `SOAP-ENC:` (SOAP encoding),
   * `ns2:` (Apache SOAP), e.g. `xsd:string`, `xsd:int`, `xsd:boolean`, `ns2:Map`, `SOAP-ENC:Array`.
   */
  readonly xsiType: string;
  readonly value: RpcValue;
}

export interface RpcCall {
  /** The operation's namespace URI (ESWS: `uen:esws`). */
  readonly namespace: string;
  /** The operation element's local name, e.g. `Esws.syncMOCA`. */
  readonly operation: string;
  readonly parts: ReadonlyArray<RpcPart>;
}

const XSI_TYPE = /^(?:xsd|SOAP-ENC|ns2):[A-Za-z_][A-Za-z0-9_.-]*$/;
const MAP_TYPE = "ns2:Map";
const ARRAY_TYPE = "SOAP-ENC:Array";

const ENVELOPE_OPEN = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}" xmlns:soapenv="${SOAP11_ENVELOPE_NS}" xmlns:SOAP-ENC="${SOAP11_ENCODING_NS}" xmlns:uen="`;
const APACHE_DECLARATION = `" xmlns:ns2="${APACHE_SOAP_NS}">`;
const BODY_OPEN = "<soapenv:Header/><soapenv:Body><uen:";
const ENCODING_STYLE = ` soapenv:encodingStyle="${SOAP11_ENCODING_NS}">`;
const ENVELOPE_CLOSE = "</soapenv:Body></soapenv:Envelope>";

function isArray(value: RpcValue): value is ReadonlyArray<string> {
  return Array.isArray(value);
}

/**
 * Writes a complete rpc/encoded request envelope.
 *
 * @throws ValidationError listing every string XML 1.0 cannot carry (and every non-finite number).
 * @throws TypeError when a name or `xsiType` is unusable or does not fit the value's shape (a contract bug).
 */
export function writeRpcEncodedEnvelope(call: RpcCall): string {
  assertNcName(call.operation, "operation");
  assertNamespace(call.namespace);
  const issues: ValidationIssue[] = [];
  let usesApache = false;
  let parts = "";

  for (const part of call.parts) {
    const { name, xsiType, value } = part;
    assertNcName(name, "part name");
    if (!XSI_TYPE.test(xsiType)) {
      throw new TypeError(`part ${name}: unsupported xsiType ${JSON.stringify(xsiType)}`);
    }
    if (xsiType.startsWith("ns2:")) usesApache = true;

    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      if (xsiType === MAP_TYPE || xsiType === ARRAY_TYPE) {
        throw new TypeError(
          `part ${name}: ${xsiType} needs a ${xsiType === MAP_TYPE ? "record" : "array"} value`,
        );
      }
      parts += `<${name} xsi:type="${xsiType}">${textContent(value, name, issues)}</${name}>`;
    } else if (isArray(value)) {
      if (xsiType !== ARRAY_TYPE) {
        throw new TypeError(`part ${name}: an array value needs xsiType ${ARRAY_TYPE}`);
      }
      parts += `<${name} xsi:type="${ARRAY_TYPE}" SOAP-ENC:arrayType="xsd:string[${value.length}]">`;
      for (let i = 0; i < value.length; i++) {
        parts += `<item xsi:type="xsd:string">${textContent(value[i]!, `${name}[${i}]`, issues)}</item>`;
      }
      parts += `</${name}>`;
    } else {
      if (xsiType !== MAP_TYPE) throw new TypeError(`part ${name}: a record value needs xsiType ${MAP_TYPE}`);
      parts += `<${name} xsi:type="${MAP_TYPE}">`;
      let i = 0;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        // A key is data too; one XML cannot carry is reported by position, not quoted into the field path.
        const issuesBefore = issues.length;
        const keyText = textContent(key, name, issues, `key #${i} `);
        const valueField = issues.length === issuesBefore ? `${name}.${key}` : `${name}[${i}]`;
        const valueText = textContent(value[key]!, valueField, issues);
        parts += `<item><key xsi:type="xsd:string">${keyText}</key><value xsi:type="xsd:string">${valueText}</value></item>`;
        i++;
      }
      parts += `</${name}>`;
    }
  }

  if (issues.length > 0) throw new ValidationError(issues, { operation: call.operation });

  const op = call.operation;
  return `${ENVELOPE_OPEN}${escapeXmlAttr(call.namespace)}${usesApache ? APACHE_DECLARATION : '">'}${BODY_OPEN}${op}${ENCODING_STYLE}${parts}</uen:${op}>${ENVELOPE_CLOSE}`;
}

/**
 * The single result of an rpc/encoded response: the text of the first part inside
 * `Body/<operation>Response` (NuSOAP names it `return`). The response element may have any prefix.
 *
 * @param root the parsed Envelope (or its Body).
 * @throws MalformedResponseError("envelope") when there is no Body, no response element, or no part.
 */
export function readRpcEncodedReturn(
  root: XmlElement,
  operation: string,
): { value: string; partName: string } {
  const body =
    root.name === "Body" && root.ns === SOAP11_ENVELOPE_NS
      ? root
      : firstChild(root, "Body", SOAP11_ENVELOPE_NS);
  const fail = (detail: string): never => {
    throw new MalformedResponseError("envelope", detail, { operation });
  };
  if (body === undefined) return fail(`no SOAP 1.1 Body in <${root.name.slice(0, 60)}>`);
  const responseName = `${operation}Response`;
  const response = firstChild(body, responseName);
  if (response === undefined) {
    const found = body.children[0];
    return fail(
      `no <${responseName}> in the Body (found ${found ? `<${found.name.slice(0, 60)}>` : "an empty Body"})`,
    );
  }
  const part = response.children[0];
  if (part === undefined) return fail(`<${responseName}> has no return part`);
  return { value: part.text, partName: part.name };
}
