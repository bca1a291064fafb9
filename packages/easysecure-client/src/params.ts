/**
 * From a caller's input to the wire parameters of one call, with every problem found before anything is sent.
 *
 * 1. Normalise: API names to part names (syncMOCA's `p_wsAltUserId` is the part `p_wsAltUser_id`), `Date`s to
 *    `yyyy-mm-dd hh:ii:ss`, a list of group names to `A;B`, the optional integers to the strings the wire
 *    carries, free text optionally transliterated to Latin-1; and inject `p_companyID`.
 * 2. Validate the result against the generated params schema (the contract's rule types), plus the rules a
 *    schema cannot say: characters above U+00FF named one by one, real calendar dates, start not after expiry.
 * 3. Report every issue under the caller's field names, in the operation's part order.
 */
import { findInvalidXmlChar, type ValidationIssue } from "@integrations/runtime";
import { type DateFormatter, ESWS_DATE_TIME, isRealDateTime } from "./dates.js";
import {
  controlChars,
  describeChar,
  nonLatin1Chars,
  transliterateToLatin1,
  windows1252Intent,
} from "./latin1.js";
import { apiFieldName, COMPANY_ID_PART, type OperationSpec } from "./operation.js";

export interface ParamsContext {
  readonly companyId: string;
  readonly transliterate: boolean;
  readonly formatDate: DateFormatter;
}

export interface WireParams {
  readonly params: Record<string, unknown>;
  readonly issues: readonly ValidationIssue[];
}

interface ConvertContext extends ParamsContext {
  readonly issues: ValidationIssue[];
  /** Fields a converter already reported on: the schema's generic issue for them would only repeat it. */
  readonly reported: Set<string>;
}

type Converter = (value: unknown, field: string, ctx: ConvertContext) => unknown;

function report(ctx: ConvertContext, field: string, rule: string, message: string): void {
  ctx.issues.push({ field, rule, message });
  ctx.reported.add(field);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Free text ESWS stores (contract rule tns:latin1Text / tns:requiredLatin1Text). Characters XML cannot carry
 * and characters above U+00FF are reported by name, which the schema's pattern cannot do.
 */
const latin1Text: Converter = (value, field, ctx) => {
  if (typeof value !== "string") return value;
  const text = ctx.transliterate ? transliterateToLatin1(value) : value;
  const bad = findInvalidXmlChar(text);
  if (bad !== undefined) {
    const code = `U+${bad.codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
    report(ctx, field, "xmlChar", `contains ${code}, which XML 1.0 cannot carry`);
    return text;
  }
  const controls = controlChars(text);
  if (controls.length > 0) {
    const meant = controls.map(windows1252Intent).filter((c) => c !== undefined);
    report(
      ctx,
      field,
      "controlCharacter",
      `contains ${controls.slice(0, 5).map(describeChar).join(", ")}: control characters (U+007F–U+009F) are not text${
        meant.length > 0
          ? `; this looks like windows-1252 text read as Latin-1 (meant: ${meant
              .slice(0, 5)
              .map((c) => `"${c}"`)
              .join(", ")})`
          : ""
      }`,
    );
    return text;
  }
  const chars = nonLatin1Chars(text);
  if (chars.length === 0) return text;
  const shown = chars.slice(0, 5).map(describeChar).join(", ") + (chars.length > 5 ? ", …" : "");
  const combining = chars.some((ch) => /\p{M}/u.test(ch));
  const hint = ctx.transliterate
    ? "; it has no Latin-1 transliteration"
    : combining
      ? "; the text looks decomposed (NFD): normalise it with .normalize('NFC'), or create the client with transliterate: true"
      : "; create the client with transliterate: true to replace such characters with Latin-1 look-alikes";
  report(
    ctx,
    field,
    "pattern",
    `contains ${shown}: ESWS stores only characters up to U+00FF (Latin-1) and would turn ${chars.length > 1 ? "these" : "it"} into "?"${hint}`,
  );
  return text;
};

/** p_StartDate / p_ExpireDate: a `Date` becomes vendor-local `yyyy-mm-dd hh:ii:ss`; a string is sent as is. */
const dateTime: Converter = (value, field, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      report(ctx, field, "date", "is an invalid Date");
      return value;
    }
    return ctx.formatDate(value);
  }
  if (typeof value === "string" && ESWS_DATE_TIME.test(value) && !isRealDateTime(value)) {
    report(ctx, field, "dateTime", "is not a real date and time (yyyy-mm-dd hh:ii:ss)");
  }
  return value;
};

/**
 * p_groupName: "the group names splitted by ';' (as example: Group1;Group2)" (the ESWS user insert/update page).
 * A list is joined with `;`. An element that is empty or holds the separator itself is rejected rather than
 * rewritten: either would change which groups the user ends up in.
 */
const groupName: Converter = (value, field, ctx) => {
  if (!Array.isArray(value)) {
    const text = latin1Text(value, field, ctx);
    // The same rule as for a list: "A;;B;" names an empty group twice, which a list may not either.
    if (typeof text === "string" && text !== "" && !ctx.reported.has(field) && text.split(";").includes("")) {
      report(
        ctx,
        field,
        "groupNameElement",
        "must not contain an empty group name (';' at the start or end, or two in a row)",
      );
    }
    return text;
  }
  const names: string[] = [];
  const before = ctx.issues.length;
  value.forEach((element: unknown, i) => {
    const at = `${field}.${i}`;
    if (typeof element !== "string") {
      report(ctx, at, "type", "must be a string");
      return;
    }
    const name = latin1Text(element, at, ctx) as string;
    if (name === "") report(ctx, at, "groupNameElement", "must not be empty");
    else if (name.includes(";")) {
      report(ctx, at, "groupNameElement", "must not contain ';', the separator of the list of group names");
    }
    names.push(name);
  });
  if (ctx.issues.length > before) ctx.reported.add(field);
  return names.join(";");
};

/** p_groupUpdate: "0 or 1" (the ESWS user insert/update page), an xsd:string on the wire so "" can mean absent. */
const flagString: Converter = (value, field, ctx) => {
  if (typeof value !== "number") return value;
  if (value === 0 || value === 1) return String(value);
  report(ctx, field, "enum", "must be 0 or 1");
  return value;
};

/** p_locationID: "id of the location", integer, an xsd:string on the wire so "" can mean absent. */
const integerString: Converter = (value, field, ctx) => {
  if (typeof value !== "number") return value;
  if (Number.isSafeInteger(value) && value >= 0) return String(value);
  report(ctx, field, "integer", "must be a non-negative integer");
  return value;
};

/** info1 … info14 (contract: tns:infoFieldKey). */
const INFO_KEY = /^info(?:[1-9]|1[0-4])$/;

/**
 * p_infoFields: info1 … info14 → text. An unknown key is reported like any unknown parameter
 * (additionalProperties, naming the key) and left out of what the schema sees, so that it is reported once.
 * Entries go on the wire in key order (info1, info2, … info10), whatever order the object had.
 */
const infoFields: Converter = (value, field, ctx) => {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!INFO_KEY.test(key))
      report(ctx, `${field}.${key}`, "additionalProperties", "is not an info field (info1 … info14)");
  }
  const known = keys
    .filter((key) => INFO_KEY.test(key))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  for (const key of known) {
    const entry = value[key];
    if (entry !== undefined) out[key] = latin1Text(entry, `${field}.${key}`, ctx);
  }
  return out;
};

/** Converters by wire part name; the contract's rule type in brackets. Other parts go to the schema as given. */
/**
 * The client-level conversions, by the part's rule type (`x:rule`): every part of that rule, in any operation,
 * gets them. Parts whose caller-side form is their own (p_groupName's list) are named.
 */
const RULE_CONVERTERS: Readonly<Record<string, Converter>> = {
  requiredLatin1Text: latin1Text,
  latin1Text: latin1Text,
  esDateTime: dateTime,
  infoFields: infoFields, // values tns:latin1Text
  optionalFlag01: flagString,
  optionalInteger: integerString,
};
const PART_CONVERTERS: Readonly<Record<string, Converter>> = {
  p_groupName: groupName, // tns:latin1Text, or a list of them
};

function converterOf(part: {
  readonly name: string;
  readonly rule?: string | undefined;
}): Converter | undefined {
  if (Object.hasOwn(PART_CONVERTERS, part.name)) return PART_CONVERTERS[part.name];
  return part.rule !== undefined && Object.hasOwn(RULE_CONVERTERS, part.rule)
    ? RULE_CONVERTERS[part.rule]
    : undefined;
}

/**
 * Everything about an operation that does not depend on the input, computed once per operation: the caller's
 * names of its parts, their order, the renamings to apply to messages, and a direct check for its schema.
 */
export interface PreparedOperation {
  readonly spec: OperationSpec;
  /** Caller field name → wire part name, for every part but p_companyID. */
  readonly wireNameOf: ReadonlyMap<string, string>;
  /** Wire part name → position in the descriptor (the order issues are reported in). */
  readonly order: ReadonlyMap<string, number>;
  /** `[wire, api]` for every renamed part (spec.apiNames). */
  readonly renames: ReadonlyArray<readonly [string, string]>;
  /** Wire part name → its client-level conversion, for the parts that have one. */
  readonly converters: ReadonlyMap<string, Converter>;
}

const prepared = new WeakMap<OperationSpec, PreparedOperation>();

export function prepareOperation(spec: OperationSpec): PreparedOperation {
  let op = prepared.get(spec);
  if (op === undefined) {
    const { descriptor } = spec;
    const wireNameOf = new Map<string, string>();
    for (const part of descriptor.binding.parts) {
      if (part.name !== COMPANY_ID_PART) wireNameOf.set(apiFieldName(spec, part.name), part.name);
    }
    op = {
      spec,
      wireNameOf,
      order: new Map(descriptor.binding.parts.map((p, i) => [p.name, i])),
      renames: Object.entries(spec.apiNames),
      converters: new Map(
        descriptor.binding.parts.flatMap((part) => {
          const convert = converterOf(part);
          return convert === undefined ? [] : [[part.name, convert] as const];
        }),
      ),
    };
    prepared.set(spec, op);
  }
  return op;
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

/** The wire parameters for `input`, and every issue with it (empty when it may be sent). */
export function toWireParams(op: PreparedOperation, input: unknown, context: ParamsContext): WireParams {
  const { spec, wireNameOf } = op;
  const { descriptor } = spec;
  const params: Record<string, unknown> = { [COMPANY_ID_PART]: context.companyId };
  if (!isPlainObject(input)) {
    return { params, issues: [{ field: "", rule: "type", message: "must be an object" }] };
  }

  // Created on first use: most calls of most operations never need it.
  let ctx: ConvertContext | undefined;
  // Already in the caller's terms: reported after the renaming below, never through it.
  let unknown: ValidationIssue[] | undefined;
  for (const key of Object.keys(input)) {
    const value = input[key];
    const wire = wireNameOf.get(key);
    if (wire === undefined) {
      const api = apiFieldName(spec, key);
      const why =
        key === COMPANY_ID_PART
          ? "is not accepted here: the client sends the companyId it was created with"
          : api !== key
            ? `is the wire name of ${api}; pass ${api}`
            : `is not a parameter of ${descriptor.wireName}`;
      unknown ??= [];
      unknown.push({ field: key, rule: "additionalProperties", message: why });
      continue;
    }
    if (value === undefined) continue;
    const convert = op.converters.get(wire);
    if (convert === undefined) params[wire] = value;
    else {
      ctx ??= {
        companyId: context.companyId,
        transliterate: context.transliterate,
        formatDate: context.formatDate,
        issues: [],
        reported: new Set(),
      };
      params[wire] = convert(value, wire, ctx);
    }
  }

  let issues: ValidationIssue[] | undefined;
  if (ctx !== undefined && ctx.issues.length > 0) issues = [...ctx.issues];
  for (const issue of descriptor.validateRequest(params)) {
    if (ctx?.reported.has(issue.field)) continue;
    issues ??= [];
    issues.push(issue);
  }

  const start = params.p_StartDate;
  const expiry = params.p_ExpireDate;
  if (
    typeof start === "string" &&
    typeof expiry === "string" &&
    isRealDateTime(start) &&
    isRealDateTime(expiry)
  ) {
    // Same fixed-width format on both sides, so string order is time order.
    if (start > expiry) {
      issues ??= [];
      issues.push({
        field: "p_StartDate",
        rule: "startNotAfterExpiry",
        message: "is after p_ExpireDate (ESWS would answer START_DATE_CAN_NOT_BE_AFTER_END_DATE)",
      });
    }
  }

  if (issues === undefined && unknown === undefined) return { params, issues: NO_ISSUES };
  return { params, issues: [...presentIssues(op, issues ?? []), ...(unknown ?? [])] };
}

/** Caller field names (also inside messages, e.g. "give exactly one of …"), in part order. */
function presentIssues(op: PreparedOperation, issues: ValidationIssue[]): ValidationIssue[] {
  const { spec, order, renames } = op;
  const rank = (field: string) => order.get(field.split(".")[0]!) ?? order.size;
  const renamed = issues.map((issue) => {
    const field = apiFieldName(spec, issue.field);
    let message = issue.message;
    for (const [wire, api] of renames) message = message.split(wire).join(api);
    return { ...issue, field, message, rank: rank(issue.field) };
  });
  // Array.prototype.sort is stable: issues of one field keep the order they were found in.
  renamed.sort((a, b) => a.rank - b.rank);
  return renamed.map(({ rank: _rank, ...issue }) => issue);
}
