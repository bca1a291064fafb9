/**
 * One version of a WSDL as the diff walks it: its operations (each portType operation with its binding
 * operation and effective style), messages by name, and the index of its global schema definitions; and the
 * namespaces renamed between the two versions, so that old names are compared in the new version's terms.
 */
import {
  type Binding,
  type BindingOperation,
  type Message,
  operationStyle,
  type PortType,
  type PortTypeOperation,
  type WsdlModel,
} from "@integrations/contract-model";
import { defKey, GlobalIndex } from "./globals.js";

export interface OperationView {
  readonly name: string;
  readonly portType: PortType;
  readonly op: PortTypeOperation;
  readonly binding: Binding | undefined;
  readonly bop: BindingOperation | undefined;
  readonly style: string;
}

export interface Side {
  readonly wsdl: WsdlModel;
  readonly index: GlobalIndex;
  readonly messages: ReadonlyMap<string, Message>;
  /** By operation name (`portType.operation` when the WSDL has several portTypes). */
  readonly ops: ReadonlyMap<string, OperationView>;
}

export function side(wsdl: WsdlModel): Side {
  const messages = new Map(wsdl.messages.map((m) => [m.name ?? "", m]));
  const ops = new Map<string, OperationView>();
  const multiple = wsdl.portTypes.length > 1;
  const tns = wsdl.targetNamespace ?? "";
  for (const pt of wsdl.portTypes) {
    const binding = wsdl.bindings.find(
      (b) => b.type !== undefined && b.type.local === (pt.name ?? "") && b.type.ns === tns,
    );
    for (const op of pt.operations) {
      const bop = binding?.operations.find((o) => o.name === op.name);
      const style = binding && bop ? operationStyle(binding, bop) : (binding?.style ?? "document");
      const name = op.name ?? "";
      ops.set(multiple ? `${pt.name}.${name}` : name, { name, portType: pt, op, binding, bop, style });
    }
  }
  return { wsdl, index: new GlobalIndex(wsdl), messages, ops };
}

/** The message a side's operation refers to, by name. */
export function messageOf(s: Side, name: string | undefined): Message | undefined {
  return name === undefined ? undefined : s.messages.get(name);
}

/** Old namespace → new namespace, where a namespace was renamed (targetNamespace, a schema's). */
export class NamespaceMap {
  private readonly map = new Map<string, string>();

  rename(from: string, to: string): void {
    if (!this.map.has(from)) this.map.set(from, to);
  }

  ns(ns: string | undefined): string | undefined {
    return ns === undefined ? undefined : (this.map.get(ns) ?? ns);
  }

  /** An old global key in the new document's namespaces. */
  key(key: string): string {
    const m = key.match(/^(\w+):\{(.*)\}(.*)$/);
    if (!m) return key;
    return defKey(m[1] as "type", this.ns(m[2] || undefined), m[3]!);
  }
}
