/**
 * What the client needs from a generated operation descriptor (`@integrations/easysecure-types`,
 * `operations.syncMOCA` / `operations.updateUserDotweb`), typed structurally so that every module below works
 * on either operation. Nothing here is read from the WSDL at run time: the descriptors are generated code.
 */
import type { JsonSchema } from "@integrations/runtime";
import type { ResultCodeEntry } from "./resolve-return.js";

export interface PartDescriptor {
  /** The wire element name (the WSDL part name), e.g. `p_wsAltUser_id`. */
  readonly name: string;
  /** The part's `xsi:type`, with the runtime writer's prefixes: `xsd:string`, `xsd:int`, `ns2:Map`. */
  readonly xsiType: string;
  /** x:optional="true": absent at the client level, sent as `""`. */
  readonly optional: boolean;
}

export interface OperationDescriptor {
  /** The contract operation name, e.g. `Esws.syncMOCA` (also the operation element's local name). */
  readonly name: string;
  readonly soapAction: string;
  readonly namespace: string;
  /** In WSDL message order: the order NuSOAP binds parameters by. */
  readonly parts: ReadonlyArray<PartDescriptor>;
  /** JSON Schema of the wire parameters (every part, additionalProperties false). */
  readonly paramsSchema: JsonSchema;
  /** The operation's own documented codes; the general ones are added by the client. */
  readonly resultCodes: ReadonlyArray<ResultCodeEntry>;
}

/** The company security code part, which the client injects from its `companyId` option. */
export const COMPANY_ID_PART = "p_companyID";

export interface OperationSpec {
  readonly descriptor: OperationDescriptor;
  /** Wire part name → the field name callers use, where they differ. */
  readonly apiNames: Readonly<Record<string, string>>;
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
