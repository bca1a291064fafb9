/** A document that parses but is not the kind of contract it was read as (not WSDL 1.1, not OpenAPI). */
export class ContractFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFormatError";
  }
}
