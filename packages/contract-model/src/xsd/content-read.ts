/**
 * Reading content models: model groups (sequence, choice, all; named groups read once however often they
 * are referenced, a group that contains itself cut where it recurs), wildcards, local element declarations
 * and attributes. An element reference is filled in from its global element once all are read, so a
 * recursive content model costs no recursion here.
 */
import { foreignAttributes } from "../extensions.js";
import { CONTRACT_EXT_NS, XSD_NS } from "../namespaces.js";
import type { QName } from "../qname.js";
import { attr, resolveQName, type XmlNode } from "../xml.js";
import type {
  AttributeDecl,
  ElementDecl,
  GlobalDefinition,
  GlobalKind,
  Particle,
  SchemaDocument,
  Term,
  TypeRef,
} from "./model.js";
import {
  ANY_SIMPLE_TYPE,
  annotation,
  firstXsd,
  GROUPS,
  globalKey,
  type Mutable,
  occurs,
  plain,
} from "./nodes.js";

/** What reading content needs from the reader of types. */
export interface TypeReader {
  global(kind: GlobalKind, name: QName): GlobalDefinition | undefined;
  typeRefAt(el: XmlNode, value: string): TypeRef;
  anonymous(el: XmlNode, schema: SchemaDocument): TypeRef;
  elementType(el: XmlNode, schema: SchemaDocument): TypeRef;
}

export class ContentReader {
  private readonly groupCache = new Map<string, Particle | undefined>();
  private readonly groupsInProgress = new Set<string>();
  private readonly references: { decl: Mutable<ElementDecl>; target: QName | undefined }[] = [];

  constructor(private readonly types: TypeReader) {}

  /** Fills every element reference in from its global element (call once all global elements are read). */
  resolveReferences(element: (name: QName) => ElementDecl | undefined): void {
    for (const { decl, target } of this.references) {
      const global = target && element(target);
      if (!global) continue;
      decl.ns = global.ns;
      decl.type = global.type;
      decl.nillable = global.nillable;
      decl.fixed = global.fixed;
      decl.default = global.default;
    }
  }

  particleOf(holder: XmlNode, schema: SchemaDocument): Particle | undefined {
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      if (GROUPS.has(c.name)) return this.particle(c, schema);
      if (c.name === "group") return this.groupParticle(c);
    }
    return undefined;
  }

  /** `<xsd:group ref>`: the group's particle, with the reference's occurrence. */
  private groupParticle(ref: XmlNode): Particle | undefined {
    const refAttr = attr(ref, "ref");
    const name = refAttr === undefined ? undefined : resolveQName(ref, refAttr);
    const def = name && this.types.global("group", name);
    if (!def) return undefined;
    const key = globalKey("group", def.name);
    let inner = this.groupCache.get(key);
    if (!this.groupCache.has(key)) {
      if (this.groupsInProgress.has(key)) return undefined; // the group contains itself: cut the cycle here
      this.groupsInProgress.add(key);
      const model = firstXsd(def.source, GROUPS);
      inner = model && this.particle(model, def.schema);
      this.groupsInProgress.delete(key);
      this.groupCache.set(key, inner);
    }
    if (!inner) return undefined;
    return {
      ...inner,
      minOccurs: occurs(attr(ref, "minOccurs"), 1),
      maxOccurs: occurs(attr(ref, "maxOccurs"), 1),
      group: def.name,
    };
  }

  private particle(el: XmlNode, schema: SchemaDocument): Particle {
    const terms: Term[] = [];
    for (const c of el.children) {
      if (c.ns !== XSD_NS) continue;
      if (c.name === "element") terms.push(this.localElement(c, schema));
      else if (GROUPS.has(c.name)) terms.push(this.particle(c, schema));
      else if (c.name === "group") {
        const g = this.groupParticle(c);
        if (g) terms.push(g);
      } else if (c.name === "any") {
        terms.push({
          kind: "any",
          namespace: attr(c, "namespace") ?? "##any",
          processContents: attr(c, "processContents") ?? "strict",
          minOccurs: occurs(attr(c, "minOccurs"), 1),
          maxOccurs: occurs(attr(c, "maxOccurs"), 1),
          source: c,
        });
      }
    }
    return {
      kind: el.name as Particle["kind"],
      minOccurs: occurs(attr(el, "minOccurs"), 1),
      maxOccurs: occurs(attr(el, "maxOccurs"), 1),
      terms,
      group: undefined,
      source: el,
    };
  }

  private localElement(el: XmlNode, schema: SchemaDocument): ElementDecl {
    const refAttr = attr(el, "ref");
    const ref = refAttr === undefined ? undefined : resolveQName(el, refAttr);
    const form = attr(el, "form");
    const qualified = form === undefined ? schema.elementFormDefault === "qualified" : form === "qualified";
    const decl: Mutable<ElementDecl> = {
      kind: "element",
      global: false,
      name: ref?.local ?? refAttr ?? attr(el, "name") ?? "",
      ns: qualified ? (schema.targetNamespace ?? "") : "",
      refAttr,
      ref,
      typeAttr: refAttr === undefined ? attr(el, "type") : undefined,
      type:
        refAttr === undefined
          ? this.types.elementType(el, schema)
          : { kind: "unresolved", raw: refAttr, name: ref && plain(ref) },
      minOccurs: occurs(attr(el, "minOccurs"), 1),
      maxOccurs: occurs(attr(el, "maxOccurs"), 1),
      nillable: refAttr === undefined && attr(el, "nillable") === "true",
      abstract: false,
      substitutionGroup: undefined,
      fixed: refAttr === undefined ? attr(el, "fixed") : undefined,
      default: refAttr === undefined ? attr(el, "default") : undefined,
      form,
      documentation: annotation(el),
      secret: attr(el, "secret", CONTRACT_EXT_NS) === "true",
      foreignAttributes: foreignAttributes(el),
      source: el,
    };
    if (refAttr !== undefined) this.references.push({ decl, target: ref });
    return decl;
  }

  attributesOf(holder: XmlNode, schema: SchemaDocument, seen: Set<string>): AttributeDecl[] {
    const out: AttributeDecl[] = [];
    for (const c of holder.children) {
      if (c.ns !== XSD_NS) continue;
      const refAttr = attr(c, "ref");
      if (c.name === "attribute") {
        const name = refAttr === undefined ? undefined : resolveQName(c, refAttr);
        const decl = (name && this.types.global("attribute", name)?.source) ?? c;
        const type = attr(decl, "type");
        const inline = firstXsd(decl, "simpleType");
        out.push({
          name: name?.local ?? attr(c, "name") ?? "",
          type:
            type !== undefined
              ? this.types.typeRefAt(decl, type)
              : inline
                ? this.types.anonymous(inline, schema)
                : ANY_SIMPLE_TYPE,
          use: attr(c, "use") ?? "optional",
          fixed: attr(c, "fixed") ?? attr(decl, "fixed"),
          default: attr(c, "default") ?? attr(decl, "default"),
          source: c,
        });
      } else if (c.name === "attributeGroup" && refAttr !== undefined) {
        const name = resolveQName(c, refAttr);
        const def = name && this.types.global("attributeGroup", name);
        if (def && !seen.has(globalKey("attributeGroup", def.name))) {
          seen.add(globalKey("attributeGroup", def.name));
          out.push(...this.attributesOf(def.source, def.schema, seen));
        }
      }
    }
    return out;
  }
}
