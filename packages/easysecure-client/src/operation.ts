/**
 * What the client needs from a generated operation descriptor (`@integrations/easysecure-types`,
 * `operations.syncMOCA` / `operations.updateUserDotweb`), typed structurally so that every module below works
 * on either operation. Nothing here is read from the WSDL at run time: the descriptors are generated code.
 */
import type { OperationDescriptor as Descriptor, Validator } from "@integrations/runtime";
import type { ResultCodeEntry } from "./resolve-return.js";

export interface PartDescriptor {
  /** The wire element name (the WSDL part name), e.g. `p_wsAltUser_id`. */
  readonly name: string;
  /** The part's `xsi:type`, with the runtime writer's prefixes: `xsd:string`, `xsd:int`, `ns2:Map`. */
  readonly xsiType: string;
  /** x:optional="true": absent at the client level, sent as `""`. */
  readonly optional: boolean;
  /** x:rule: the local name of the part's rule type (`latin1Text`, `esDateTime` …). */
  readonly rule?: string | undefined;
  /** x:clientName: the name callers use, where it differs from the wire name. */
  readonly clientName?: string | undefined;
  /** x:clientOption: the client option that fills the part. */
  readonly clientOption?: string | undefined;
}

/** The rpc/encoded part of the descriptor. */
export interface RpcBinding {
  readonly kind: "soap-rpc-encoded";
  readonly soapAction: string;
  readonly namespace: string;
  readonly encodingStyle: string;
  /** In WSDL message order: the order NuSOAP binds parameters by. */
  readonly parts: ReadonlyArray<PartDescriptor>;
  readonly returnPart: string;
}

export interface OperationDescriptor extends Descriptor<RpcBinding> {
  /** The generated validator of the wire parameters (every part, additionalProperties false). */
  readonly validateRequest: Validator;
  /** The operation's documented codes, its own and then the general ones, with their outcome. */
  readonly codes: ReadonlyArray<ResultCodeEntry>;
}

/** The company security code part, which the client injects from its `companyId` option. */
export const COMPANY_ID_PART = "p_companyID";

export interface OperationSpec {
  readonly descriptor: OperationDescriptor;
  /** Wire part name → the field name callers use, where they differ (the contract's x:clientName). */
  readonly apiNames: Readonly<Record<string, string>>;
}

const specs = new WeakMap<OperationDescriptor, OperationSpec>();

/** The operation as the client sees it, computed once per descriptor from the contract's part markings. */
export function specOf(descriptor: OperationDescriptor): OperationSpec {
  let spec = specs.get(descriptor);
  if (spec === undefined) {
    const apiNames: Record<string, string> = {};
    for (const part of descriptor.binding.parts) {
      if (part.clientName !== undefined) apiNames[part.name] = part.clientName;
      // The one client option ESWS parts take: a new option needs its own client code, so fail loudly.
      if (
        part.clientOption !== undefined &&
        (part.clientOption !== "companyId" || part.name !== COMPANY_ID_PART)
      ) {
        throw new Error(
          `${descriptor.wireName}: part ${part.name} takes the unknown client option ${part.clientOption}`,
        );
      }
    }
    spec = { descriptor, apiNames };
    specs.set(descriptor, spec);
  }
  return spec;
}
/** The caller's name for a wire part (or for a dotted path starting with one). */
export function apiFieldName(spec: OperationSpec, field: string): string {
  const dot = field.indexOf(".");
  const head = dot < 0 ? field : field.slice(0, dot);
  // Own properties only: a caller's key `constructor` or `toString` must not find Object.prototype's.
  const renamed =
    head === COMPANY_ID_PART
      ? "companyId"
      : Object.hasOwn(spec.apiNames, head)
        ? spec.apiNames[head]
        : undefined;
  return renamed === undefined ? field : renamed + (dot < 0 ? "" : field.slice(dot));
}
