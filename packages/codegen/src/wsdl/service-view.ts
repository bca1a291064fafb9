/**
 * The one service → port → binding → portType chain a contract describes, with each binding operation
 * paired with its portType operation and its result codes merged with the general ones.
 */
import { mergeResultCodes, type ResultCode } from "./result-codes.js";
import type {
  Binding,
  BindingOperation,
  Port,
  PortType,
  PortTypeOperation,
  Service,
  WsdlModel,
} from "./wsdl-model.js";
import { qnameKey } from "./xml.js";

export interface OperationView {
  readonly binding: BindingOperation;
  readonly abstract: PortTypeOperation;
  /** The operation's own codes, then the general ones it does not list itself. */
  readonly resultCodes: readonly ResultCode[];
}

export interface ServiceView {
  readonly service: Service;
  readonly port: Port;
  readonly binding: Binding;
  readonly portType: PortType;
  /** General codes: the portType's, then the wsdl:definitions ones. */
  readonly generalResultCodes: readonly ResultCode[];
  /** In binding order. */
  readonly operations: readonly OperationView[];
}

export function serviceView(model: WsdlModel): ServiceView {
  if (model.services.length !== 1)
    throw new Error(`expected one wsdl:service, found ${model.services.length}`);
  const service = model.services[0]!;
  if (service.ports.length !== 1) throw new Error(`service ${service.name}: expected one port`);
  const port = service.ports[0]!;
  const binding = model.bindings.find((b) => qnameKey(b.name) === qnameKey(port.binding));
  if (!binding) throw new Error(`port ${port.name}: unknown binding ${port.binding.local}`);
  const portType = model.portTypes.find((p) => qnameKey(p.name) === qnameKey(binding.type));
  if (!portType) throw new Error(`binding ${binding.name.local}: unknown portType ${binding.type.local}`);
  const generalResultCodes = mergeResultCodes(portType.generalResultCodes, model.generalResultCodes);
  const operations = binding.operations.map((op): OperationView => {
    const abstract = portType.operations.find((o) => o.name === op.name);
    if (!abstract) throw new Error(`binding operation ${op.name} is not in portType ${portType.name.local}`);
    if (abstract.resultCodes.length === 0) throw new Error(`operation ${op.name}: no x:resultCodes`);
    return { binding: op, abstract, resultCodes: mergeResultCodes(abstract.resultCodes, generalResultCodes) };
  });
  for (const o of portType.operations) {
    if (!operations.some((v) => v.abstract === o)) throw new Error(`operation ${o.name} has no binding`);
  }
  return { service, port, binding, portType, generalResultCodes, operations };
}
