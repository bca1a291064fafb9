/**
 * Request envelopes (SOAP 1.1 document/literal). Element names and member order follow the doc's "Source"
 * blocks and account.wsdl; the service namespace comes from the generated descriptors (one place).
 *
 * The authenticated operations are written from templates: the runtime's writer is run once per operation
 * and body member at load time with a marker in every text slot, and the constant text between the slots is
 * kept. A call then only encodes its values (checked and escaped exactly as the writer does) and joins them
 * with the constants, and the body is encoded once per call: before the login (the XML 1.0 character check),
 * and reused with whatever sessionID the call ends up sending. Any value the fast path does not accept as-is
 * (a character XML cannot carry, a non-finite number) is handed to the writer itself, so every error is the
 * writer's own.
 */
import { namespace, operations } from "@integrations/eduix-types";
import {
  escapeXmlText,
  findInvalidXmlChar,
  writeDocumentLiteralEnvelope,
  type XmlNodeSpec,
} from "@integrations/runtime";

export interface Credentials {
  username: string;
  password: string;
}

/**
 * login: doc "login > Authentication > Source", `<urn:loginHeader>` with username and password, and an
 * "Empty request" Body, which the contract names `<urn:loginRequest/>`.
 */
export function loginEnvelope(credentials: Credentials): string {
  return writeDocumentLiteralEnvelope({
    namespace,
    operation: "login",
    headers: [
      {
        name: operations.login.binding.headerElement,
        children: [
          { name: "username", text: credentials.username },
          { name: "password", text: credentials.password },
        ],
      },
    ],
    body: { name: operations.login.binding.requestElement },
  });
}

/**
 * The authHeader CHOICE with its sessionIDHeader member (doc "<op> > Authentication > Source"). Never both
 * members: the contract's choice is exactly one (fixtures `*\/request-auth-header-both-members`).
 */
function authHeader(sessionID: string): XmlNodeSpec {
  return {
    name: operations.createKey.binding.headerElement,
    children: [{ name: "sessionIDHeader", children: [{ name: "sessionID", text: sessionID }] }],
  };
}

/** What the writer needs of an operation in a session. */
export interface BodyBinding {
  readonly wireName: string;
  readonly binding: {
    readonly requestElement: string;
    readonly request: {
      readonly group: "sequence" | "choice";
      readonly members: ReadonlyArray<{ readonly name: string }>;
    };
  };
}
type Value = string | number;

/** The runtime writer's envelope for one authenticated operation (the reference the templates come from). */
function writeEnvelope(
  operation: BodyBinding,
  sessionID: string,
  members: ReadonlyArray<string>,
  values: ReadonlyArray<Value>,
): string {
  return writeDocumentLiteralEnvelope({
    namespace,
    operation: operation.wireName,
    headers: [authHeader(sessionID)],
    body: {
      name: operation.binding.requestElement,
      children: members.map((name, i) => ({ name, text: values[i] as Value })),
    },
  });
}

/**
 * An envelope split at its text slots: `[beforeSessionID, afterSessionID…beforeMember1, …, afterLastMember]`,
 * from a writer output with a private-use character (written as-is, never in a name or the namespace) in every
 * slot. Checked: a writer that changed shape fails loudly at load, not on the wire.
 */
function splitTemplate(operation: BodyBinding, members: ReadonlyArray<string>): string[] {
  const placeholder = "\uE000";
  const parts = writeEnvelope(
    operation,
    placeholder,
    members,
    members.map(() => placeholder),
  ).split(placeholder);
  if (parts.length !== members.length + 2) {
    throw new TypeError(`cannot template the ${operation.wireName} envelope`);
  }
  return parts;
}

/**
 * The body of one call, encoded: its text slots, or the writer's ValidationError for a value XML cannot
 * carry (the same error, fields and messages as writing the whole envelope).
 */
export interface EncodedRequest {
  /** Writes the envelope with `sessionID`. */
  envelope(sessionID: string): string;
}

/** Escaped text for a value the writer would write as-is, or `undefined` when only the writer can say. */
function encode(value: Value): string | undefined {
  if (typeof value === "string")
    return findInvalidXmlChar(value) === undefined ? escapeXmlText(value) : undefined;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
}

class Template {
  readonly #operation: BodyBinding;
  readonly #members: ReadonlyArray<string>;
  readonly #parts: ReadonlyArray<string>;
  /** The envelope up to the body's first slot for the last sessionID seen (it changes once per login). */
  #sessionID: string | undefined;
  #head = "";

  constructor(operation: BodyBinding, members: ReadonlyArray<string>) {
    this.#operation = operation;
    this.#members = members;
    this.#parts = splitTemplate(operation, members);
  }

  /** Checks and escapes `values` once; throws the writer's ValidationError when one cannot be sent. */
  encode(values: ReadonlyArray<Value>): EncodedRequest {
    const parts = this.#parts;
    let body = "";
    for (let i = 0; i < values.length; i++) {
      const text = encode(values[i] as Value);
      // The writer, with the empty sessionID the character check has always used, throws the exact error.
      if (text === undefined) return this.#fallback(values);
      body += text + (parts[i + 2] as string);
    }
    return new Encoded(this, values, body);
  }

  /** The envelope of an encoded body with `sessionID`. */
  envelope(sessionID: string, values: ReadonlyArray<Value>, body: string): string {
    if (sessionID !== this.#sessionID) {
      const text = encode(sessionID);
      if (text === undefined) return this.write(sessionID, values);
      this.#head = (this.#parts[0] as string) + text + (this.#parts[1] as string);
      this.#sessionID = sessionID;
    }
    return this.#head + body;
  }

  write(sessionID: string, values: ReadonlyArray<Value>): string {
    return writeEnvelope(this.#operation, sessionID, this.#members, values);
  }

  #fallback(values: ReadonlyArray<Value>): EncodedRequest {
    this.write("", values);
    // Only reached if the writer accepts what the fast path did not (it never should): stay on the writer.
    return { envelope: (sessionID) => this.write(sessionID, values) };
  }
}

class Encoded implements EncodedRequest {
  readonly #template: Template;
  readonly #values: ReadonlyArray<Value>;
  readonly #body: string;

  constructor(template: Template, values: ReadonlyArray<Value>, body: string) {
    this.#template = template;
    this.#values = values;
    this.#body = body;
  }

  envelope(sessionID: string): string {
    return this.#template.envelope(sessionID, this.#values, this.#body);
  }
}

/** One template per operation and set of members present, made on first use. */
const templates = new WeakMap<BodyBinding, Map<string, Template>>();

function templateFor(operation: BodyBinding, members: ReadonlyArray<string>): Template {
  let byMembers = templates.get(operation);
  if (byMembers === undefined) {
    byMembers = new Map();
    templates.set(operation, byMembers);
  }
  const key = members.join(" ");
  let template = byMembers.get(key);
  if (template === undefined) {
    template = new Template(operation, members);
    byMembers.set(key, template);
  }
  return template;
}

/**
 * The request element's members in contract order (a sequence: every member given; a choice: the one given,
 * which validation has ensured), as the body of an operation in a session. Validated before this is called.
 */
export function encodeBody(operation: BodyBinding, request: unknown): EncodedRequest {
  const given = (request ?? {}) as Readonly<Record<string, unknown>>;
  const members: string[] = [];
  const values: Value[] = [];
  for (const { name } of operation.binding.request.members) {
    if (!Object.hasOwn(given, name) || given[name] === undefined) continue;
    members.push(name);
    values.push(given[name] as Value);
  }
  return templateFor(operation, members).encode(values);
}
