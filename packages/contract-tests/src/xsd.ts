/**
 * XSD validation of XML fixtures with libxml2 (xmllint-wasm: libxml2 compiled to WebAssembly, in-process, no
 * network). The schemas come from the contract itself: `wsdlSchemas` lifts every `xsd:schema` out of a WSDL's
 * `wsdl:types` into a standalone XSD file; `soapEnvelopeXsd` supplies the SOAP 1.1 Envelope around them.
 */
import { SOAP11_ENVELOPE_NS, XSD_NS } from "@integrations/runtime";
import { validateXML } from "xmllint-wasm";
import type { ContractIssue } from "./plugin.js";

export interface XsdFile {
  fileName: string;
  contents: string;
}

export const SOAP_ENV_NS = SOAP11_ENVELOPE_NS;

/** Validates `xml` against `schema` (with `preload`ed imports); libxml2's messages become issues. */
export async function xsdIssues(
  xml: string,
  schema: XsdFile,
  preload: readonly XsdFile[] = [],
): Promise<ContractIssue[]> {
  const result = await validateXML({
    xml: [{ fileName: "instance.xml", contents: xml }],
    schema: [schema],
    preload: [...preload],
  });
  if (result.valid) return [];
  return result.errors.map((e) => ({
    rule: e.message,
    path: e.loc ? `line ${e.loc.lineNumber}` : "",
    message: e.rawMessage,
  }));
}

/** The xmlns declarations on an element's start tag. */
function namespaceDeclarations(startTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of startTag.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g))
    out.set(m[1] ?? "", m[3]!);
  return out;
}

/**
 * Every `xsd:schema` of a WSDL as a standalone file `<prefix>-<n>.xsd`. Namespace declarations inherited
 * from `wsdl:definitions` are copied onto the schema element, and `xsd:import`s of a sibling schema get a
 * `schemaLocation` pointing at that sibling's file.
 */
export function wsdlSchemas(wsdl: string, prefix: string): XsdFile[] {
  const rootTag = wsdl.match(/<([\w.-]+:)?definitions\b[^>]*>/)?.[0];
  if (!rootTag) throw new Error("not a WSDL: no definitions element");
  const inherited = namespaceDeclarations(rootTag);
  const xsdPrefix = [...inherited].find(([, uri]) => uri === XSD_NS)?.[0];
  const blocks: { text: string; targetNamespace: string }[] = [];
  // Schema prefixes may be redeclared on the schema element itself; match any prefix bound to XSD.
  for (const m of wsdl.matchAll(/<([\w.-]+:)?schema\b[^>]*>[\s\S]*?<\/\1?schema>/g)) {
    const text = m[0];
    const startTag = text.match(/^<[^>]*>/)![0];
    const own = namespaceDeclarations(startTag);
    const schemaPrefix = (m[1] ?? "").replace(/:$/, "");
    const bound = own.get(schemaPrefix) ?? inherited.get(schemaPrefix);
    if (bound !== XSD_NS) continue;
    const targetNamespace = startTag.match(/\btargetNamespace\s*=\s*(["'])(.*?)\1/)?.[2] ?? "";
    const missing = [...inherited].filter(([p]) => !own.has(p));
    const decls = missing.map(([p, uri]) => ` xmlns${p ? `:${p}` : ""}="${uri}"`).join("");
    blocks.push({ text: text.replace(/^(<[\w.:-]+)/, `$1${decls}`), targetNamespace });
  }
  if (blocks.length === 0) throw new Error(`no xsd:schema in the WSDL (xsd prefix: ${xsdPrefix ?? "none"})`);
  const fileOf = new Map(blocks.map((b, i) => [b.targetNamespace, `${prefix}-${i}.xsd`]));
  return blocks.map((b, i) => ({
    fileName: `${prefix}-${i}.xsd`,
    contents: b.text.replace(
      /<([\w.-]+:)?import\b([^>]*?)\/>/g,
      (whole, p: string | undefined, attrs: string) => {
        if (/schemaLocation\s*=/.test(attrs)) return whole;
        const ns = attrs.match(/namespace\s*=\s*(["'])(.*?)\1/)?.[2];
        const location = ns === undefined ? undefined : fileOf.get(ns);
        return location ? `<${p ?? ""}import${attrs} schemaLocation="${location}"/>` : whole;
      },
    ),
  }));
}

export interface EnvelopeXsdOptions {
  /** Namespaces (and their files) the Header and Body children are validated against. */
  imports: ReadonlyArray<{ namespace: string; schemaLocation: string }>;
  /**
   * `strict`: every Header/Body child must be a declared global element of an imported schema
   * (document/literal). `lax`: validate what is declared, skip the rest.
   */
  processContents: "strict" | "lax";
}

/**
 * A SOAP 1.1 Envelope schema (Envelope, Header, Body, Fault) that hands its children to the imports.
 * `SOAP-ENV:encodingStyle` is declared on the Envelope because NuSOAP puts it there (the ESWS doc's "Response"
 * sample); SOAP 1.1 §4.1.1 allows it on any element, and `##other` does not cover the envelope's own namespace.
 */
export function soapEnvelopeXsd(options: EnvelopeXsdOptions): XsdFile {
  const imports = options.imports
    .map((i) => `  <xs:import namespace="${i.namespace}" schemaLocation="${i.schemaLocation}"/>`)
    .join("\n");
  const pc = options.processContents;
  return {
    fileName: "soap-envelope.xsd",
    contents: `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="${XSD_NS}" xmlns:tns="${SOAP_ENV_NS}" targetNamespace="${SOAP_ENV_NS}" elementFormDefault="qualified">
${imports}
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="tns:Header" minOccurs="0"/>
        <xs:element ref="tns:Body"/>
      </xs:sequence>
      <xs:attribute ref="tns:encodingStyle"/>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##other" processContents="${pc}" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:choice>
        <xs:element ref="tns:Fault"/>
        <xs:any namespace="##other" processContents="${pc}" minOccurs="0" maxOccurs="unbounded"/>
      </xs:choice>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
        <xs:element name="faultstring" type="xs:string" form="unqualified"/>
        <xs:element name="faultactor" type="xs:anyURI" form="unqualified" minOccurs="0"/>
        <xs:element name="detail" form="unqualified" minOccurs="0">
          <xs:complexType>
            <xs:sequence><xs:any namespace="##any" processContents="${pc}" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
            <xs:anyAttribute namespace="##any" processContents="lax"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:attribute name="encodingStyle" type="xs:anyURI"/>
  <xs:attribute name="mustUnderstand" type="xs:boolean"/>
  <xs:attribute name="actor" type="xs:anyURI"/>
</xs:schema>
`,
  };
}
