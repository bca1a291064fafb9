/**
 * Lifting the schemas out of a WSDL: each xsd:schema of wsdl:types becomes a standalone XSD file that libxml2
 * can compile, with the xmlns declarations it inherits from wsdl:definitions copied onto it (a schema in
 * wsdl:types may use prefixes declared only on the definitions, as contracts/eduix/account.wsdl does).
 */
import { attr, qualifiedName, type WsdlModel, type XmlNode, XSD_NS } from "@integrations/contract-model";

function escapeXml(text: string, attribute: boolean): string {
  const out = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return attribute
    ? out.replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;")
    : out;
}

function declaration(prefix: string): string {
  return prefix === "" ? "xmlns" : `xmlns:${prefix}`;
}

/**
 * Serialises an element as a standalone document element (comments are not kept): the root carries every
 * binding in scope, a descendant the ones it declares itself. `schemaLocation` may name a location to add to
 * an element (the sibling schema an xsd:import refers to).
 */
export function serializeSchema(root: XmlNode, schemaLocation: (el: XmlNode) => string | undefined): string {
  const write = (el: XmlNode, parent: XmlNode | undefined): string => {
    const attributes = el.attributes.map((a) => [qualifiedName(a), a.value] as const);
    const location = schemaLocation(el);
    if (location !== undefined) attributes.push(["schemaLocation", location]);
    if (parent === undefined) {
      for (const [prefix, uri] of el.scope.bindings()) {
        if (prefix !== "xml") attributes.push([declaration(prefix), uri]);
      }
    } else if (el.scope !== parent.scope) {
      for (const [prefix, uri] of el.scope.declared) attributes.push([declaration(prefix), uri]);
    }
    const name = qualifiedName(el);
    const start = [name, ...attributes.map(([k, v]) => `${k}="${escapeXml(v, true)}"`)].join(" ");
    const inner = escapeXml(el.text, false) + el.children.map((c) => write(c, el)).join("");
    return inner === "" ? `<${start}/>` : `<${start}>${inner}</${name}>`;
  };
  return write(root, undefined);
}

/**
 * Lifts every xsd:schema out of wsdl:types into a standalone file: the xmlns declarations in scope are copied
 * onto the schema element, and an xsd:import of a sibling schema's namespace gets a schemaLocation.
 */
export function liftSchemas(wsdl: WsdlModel): { fileName: string; contents: string }[] {
  const schemas = wsdl.schema.schemas;
  const fileOf = new Map<string, string>();
  schemas.forEach((s, i) => {
    const ns = s.targetNamespace ?? "";
    if (!fileOf.has(ns)) fileOf.set(ns, `schema-${i + 1}.xsd`);
  });
  return schemas.map((schema, i) => {
    const contents = serializeSchema(schema.source, (el) => {
      if (el.ns !== XSD_NS || el.name !== "import" || attr(el, "schemaLocation")) return undefined;
      return fileOf.get(attr(el, "namespace") ?? "");
    });
    return {
      fileName: `schema-${i + 1}.xsd`,
      contents: `<?xml version="1.0" encoding="UTF-8"?>\n${contents}\n`,
    };
  });
}
