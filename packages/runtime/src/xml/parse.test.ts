import { describe, expect, it } from "vitest";
import { MalformedResponseError } from "../errors.js";
import { escapeXmlAttr, escapeXmlText, findInvalidXmlChar } from "./escape.js";
import {
  attribute,
  childElements,
  childText,
  firstChild,
  parseXml,
  type ScopedXmlElement,
  type XmlElement,
} from "./parse.js";

function errorOf(fn: () => unknown): MalformedResponseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MalformedResponseError) return e;
    throw e;
  }
  throw new Error("expected a MalformedResponseError, but parsing succeeded");
}

const reasonOf = (xml: string, options?: Parameters<typeof parseXml>[1]): string =>
  errorOf(() => parseXml(xml, options)).reason;

// The EasySecure syncMOCA sample response, verbatim from the ESWS syncMOCA page ("Response").
const SYNC_MOCA_RESPONSE = `<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">
<SOAP-ENV:Body>
<ns1:Esws.syncMOCAResponse xmlns:ns1="uen:esws">
<return xsi:type="xsd:string">OK</return>
</ns1:Esws.syncMOCAResponse>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

/** A deterministic PRNG (mulberry32), so the property-style tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `s` as text, in both attribute quote styles and as CDATA-free text, parses it, and returns all four. */
function roundTrip(s: string): { text: string; dq: string | undefined; sq: string | undefined } {
  const xml = `<r dq="${escapeXmlAttr(s)}" sq='${escapeXmlAttr(s)}'>${escapeXmlText(s)}</r>`;
  const root = parseXml(xml);
  return { text: root.text, dq: attribute(root, "dq"), sq: attribute(root, "sq") };
}

describe("escape + parse round trip", () => {
  const expectRoundTrip = (s: string) => expect(roundTrip(s)).toEqual({ text: s, dq: s, sq: s });

  it.each([
    ["XML specials", `&<>"'&amp;&lt;]]>`],
    ["a carriage return", "a\rb"],
    ["CRLF", "a\r\nb\r\n"],
    ["tabs and newlines", "\ta\n\tb\n"],
    ["leading and trailing spaces", "  x  "],
    ["astral characters", "😀𝄞\u{10FFFF}"],
    ["an empty string", ""],
    ["text that looks like markup", "<a>&foo;</a><!DOCTYPE x>"],
  ])("%s", (_what, s) => expectRoundTrip(s));

  it("every Latin-1 code point XML can carry (1–255)", () => {
    for (let c = 1; c <= 255; c++) {
      const s = `x${String.fromCharCode(c)}y`;
      if (findInvalidXmlChar(s) === undefined) expectRoundTrip(s);
    }
  });

  it("all Latin-1 code points XML can carry, in one string", () => {
    let s = "";
    for (let c = 1; c <= 255; c++)
      if (findInvalidXmlChar(String.fromCharCode(c)) === undefined) s += String.fromCharCode(c);
    expect(s.length).toBe(255 - 28); // 0x01–0x1F minus tab, LF and CR
    expectRoundTrip(s);
  });

  it("Latin-1 code points XML cannot carry are refused, literally and as references", () => {
    for (let c = 1; c < 0x20; c++) {
      if (c === 0x9 || c === 0xa || c === 0xd) continue;
      expect(reasonOf(`<r>${String.fromCharCode(c)}</r>`)).toBe("not-xml");
      expect(reasonOf(`<r>&#${c};</r>`)).toBe("not-xml");
      expect(reasonOf(`<r a="&#x${c.toString(16)};"/>`)).toBe("not-xml");
    }
  });

  it("random strings over a hostile alphabet", () => {
    const alphabet = [
      "&",
      "<",
      ">",
      '"',
      "'",
      "\r",
      "\n",
      "\t",
      " ",
      "\r\n",
      "]]>",
      "a",
      "é",
      "ÿ",
      "😀",
      "&amp;",
      ";",
      "#",
    ];
    const random = prng(42);
    for (let n = 0; n < 1000; n++) {
      let s = "";
      const len = Math.floor(random() * 20);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      expectRoundTrip(s);
    }
  });
});

describe("parseXml: structure", () => {
  it("parses the vendor syncMOCA response into a namespace-aware tree", () => {
    const root = parseXml(SYNC_MOCA_RESPONSE);
    expect(root).toMatchObject({
      name: "Envelope",
      ns: "http://schemas.xmlsoap.org/soap/envelope/",
      prefix: "SOAP-ENV",
    });
    expect(root.attributes).toEqual([
      {
        name: "encodingStyle",
        ns: "http://schemas.xmlsoap.org/soap/envelope/",
        prefix: "SOAP-ENV",
        value: "http://schemas.xmlsoap.org/soap/encoding/",
      },
    ]);
    const body = firstChild(root, "Body", "http://schemas.xmlsoap.org/soap/envelope/")!;
    const response = firstChild(body, "Esws.syncMOCAResponse", "uen:esws")!;
    expect(response.prefix).toBe("ns1");
    const ret = firstChild(response, "return")!;
    expect(ret).toMatchObject({ name: "return", ns: "", prefix: "", text: "OK", children: [] });
    expect(attribute(ret, "type", "http://www.w3.org/2001/XMLSchema-instance")).toBe("xsd:string");
  });

  it("handles the XML declaration, a BOM, PIs, comments, CDATA, self-closing tags and whitespace", () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- leading comment -->
<?app some instruction?>
<root  a = 'single'   b="double"  >
  before<!-- inner comment --><![CDATA[<raw> & ]] stuff]]>after
  <empty/><empty2 x="1" />
  <?pi?>
</root >
<!-- trailing comment -->
`;
    const root = parseXml(xml);
    expect(root.name).toBe("root");
    expect(root.attributes.map((a) => [a.name, a.value])).toEqual([
      ["a", "single"],
      ["b", "double"],
    ]);
    expect(root.text).toBe("\n  before<raw> & ]] stuffafter\n  \n  \n");
    expect(root.children.map((c) => c.name)).toEqual(["empty", "empty2"]);
    expect(attribute(root.children[1]!, "x")).toBe("1");
  });

  it("tolerates whitespace before the XML declaration (PHP servers emit it)", () => {
    expect(parseXml('\uFEFF\n  <?xml version="1.0" encoding="ISO-8859-1"?>\n<a/>').name).toBe("a");
  });

  it("concatenates text around child elements", () => {
    expect(parseXml("<a>x<b>inner</b>y<c/>z</a>").text).toBe("xyz");
  });

  it("decodes the five predefined entities and decimal/hex character references", () => {
    expect(parseXml("<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#0000068;&#xe9;</a>").text).toBe(
      `<>&"'AB😀Dé`,
    );
    expect(reasonOf("<a>&#X43;</a>")).toBe("not-xml"); // the x of a hex reference is lower case only
  });

  it("normalises line ends in text and whitespace in attributes, but keeps references to them", () => {
    const root = parseXml('<a v="x\ty\nz\r\nw&#9;&#10;&#13;">1\r\n2\r3&#13;4</a>');
    expect(attribute(root, "v")).toBe("x y z w\t\n\r");
    expect(root.text).toBe("1\n2\n3\r4");
  });

  it("resolves default and prefixed namespaces with scoping", () => {
    const root = parseXml(
      '<a xmlns="urn:d" xmlns:p="urn:p1" p:x="1" y="2"><p:b xmlns:p="urn:p2"><c/></p:b><p:d/><e xmlns=""/></a>',
    );
    expect([root.ns, root.attributes]).toEqual([
      "urn:d",
      [
        { name: "x", ns: "urn:p1", prefix: "p", value: "1" },
        { name: "y", ns: "", prefix: "", value: "2" },
      ],
    ]);
    const [b, d, e] = root.children;
    expect([b!.ns, b!.children[0]!.ns, d!.ns, e!.ns]).toEqual(["urn:p2", "urn:d", "urn:p1", ""]);
  });

  it("binds the xml prefix implicitly", () => {
    const root = parseXml('<a xml:lang="nl"/>');
    expect(root.attributes[0]).toEqual({
      name: "lang",
      ns: "http://www.w3.org/XML/1998/namespace",
      prefix: "xml",
      value: "nl",
    });
  });

  it("accepts non-ASCII names", () => {
    expect(parseXml("<naïve·x données='1'/>").name).toBe("naïve·x");
  });
});

describe("parseXml: readers", () => {
  const root = parseXml(
    '<r xmlns:a="urn:a" xmlns:b="urn:b"><a:k>1</a:k><b:k>2</b:k><k>3</k><a:other a:at="x" at="y"/></r>',
  );

  it("childElements filters by local name and namespace", () => {
    expect(childElements(root).length).toBe(4);
    expect(childElements(root, "k").map((e) => e.text)).toEqual(["1", "2", "3"]);
    expect(childElements(root, "k", "urn:b").map((e) => e.text)).toEqual(["2"]);
    expect(childElements(root, "k", "").map((e) => e.text)).toEqual(["3"]);
    expect(childElements(root, undefined, "urn:a").map((e) => e.name)).toEqual(["k", "other"]);
  });

  it("firstChild and childText", () => {
    expect(firstChild(root, "k")?.text).toBe("1");
    expect(childText(root, "k", "")).toBe("3");
    expect(childText(root, "missing")).toBeUndefined();
  });

  it("attribute matches any namespace unless one is given", () => {
    const other = firstChild(root, "other")!;
    expect(attribute(other, "at")).toBe("x");
    expect(attribute(other, "at", "")).toBe("y");
    expect(attribute(other, "at", "urn:a")).toBe("x");
    expect(attribute(other, "nope")).toBeUndefined();
  });
});

describe("parseXml: hardening", () => {
  it("refuses a billion-laughs DTD without expanding anything", () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;
    const err = errorOf(() => parseXml(bomb));
    expect(err.reason).toBe("dtd-forbidden");
    expect(err.message).toContain("line 2");
  });

  it("refuses an external entity (XXE)", () => {
    expect(reasonOf('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).toBe(
      "dtd-forbidden",
    );
  });

  it("refuses every other '<!' construct, wherever it is", () => {
    expect(reasonOf("<!DOCTYPE html><html></html>")).toBe("dtd-forbidden");
    expect(reasonOf('<a><!ENTITY e "x"></a>')).toBe("dtd-forbidden");
    expect(reasonOf("<a></a><!ELEMENT a ANY>")).toBe("dtd-forbidden");
    expect(reasonOf("<a><![INCLUDE[ x ]]></a>")).toBe("dtd-forbidden");
  });

  it("refuses entities other than the predefined five", () => {
    expect(reasonOf("<a>&foo;</a>")).toBe("not-xml");
    expect(reasonOf('<a b="&foo;"/>')).toBe("not-xml");
    expect(reasonOf("<a>&AMP;</a>")).toBe("not-xml");
    expect(reasonOf("<a>a & b</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#x;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#12a;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#0;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#xD800;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#xFFFE;</a>")).toBe("not-xml");
    expect(reasonOf("<a>&#x110000;</a>")).toBe("not-xml");
    expect(reasonOf(`<a>&#${"9".repeat(400)};</a>`)).toBe("not-xml");
  });

  it("rejects 100k-deep nesting with too-deep, not a stack overflow", () => {
    // How fast is a benchmark's question (pnpm bench), not a test's.
    const deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
    const err = errorOf(() => parseXml(deep));
    expect(err.reason).toBe("too-deep");
    expect(err.message).toContain("deeper than 256");
  });

  it("is iterative: 100k-deep nesting parses when the limit allows it", () => {
    const deep = `${"<a>".repeat(100_000)}x${"</a>".repeat(100_000)}`;
    let el: XmlElement = parseXml(deep, { maxDepth: 100_000 });
    let depth = 1;
    while (el.children.length > 0) {
      el = el.children[0]!;
      depth++;
    }
    expect([depth, el.text]).toEqual([100_000, "x"]);
    expect(reasonOf(deep, { maxDepth: 99_999 })).toBe("too-deep");
  });

  it("counts depth from the root, self-closing elements included", () => {
    expect(parseXml("<a><b><c/></b></a>", { maxDepth: 3 }).name).toBe("a");
    expect(reasonOf("<a><b><c/></b></a>", { maxDepth: 2 })).toBe("too-deep");
  });

  it("refuses input beyond maxLength before parsing it", () => {
    expect(reasonOf("<a>0123456789</a>", { maxLength: 10 })).toBe("too-large");
    expect(parseXml("<a>0123456</a>", { maxLength: 14 }).text).toBe("0123456");
    const huge = `<a>${"x".repeat(16 * 1024 * 1024)}</a>`;
    expect(reasonOf(huge)).toBe("too-large");
  });

  it("reports a truncated real envelope at every cut point as truncated (or not-xml), never a crash", () => {
    const rootEnd = SYNC_MOCA_RESPONSE.lastIndexOf(">") + 1;
    const reasons = new Set<string>();
    for (let cut = 0; cut < rootEnd; cut++) {
      const reason = reasonOf(SYNC_MOCA_RESPONSE.slice(0, cut));
      expect(["truncated", "not-xml"]).toContain(reason);
      reasons.add(cut === 0 ? `empty:${reason}` : reason);
    }
    // Only the empty document (no root at all) is not-xml; every real cut is recognised as truncation.
    expect([...reasons].sort()).toEqual(["empty:not-xml", "truncated"]);
  });

  it("reports truncated inputs of every kind as truncated", () => {
    for (const xml of [
      "<a",
      "<a ",
      "<a b",
      "<a b=",
      '<a b="x',
      "<a/",
      "<a>text &am",
      "<a><!-- x",
      "<a><!-",
      "<a><![CDA",
      "<a><![CDATA[ x ]]",
      "<a><?pi x",
      "<a></a",
      "<a></",
      "<a><b>",
      '<?xml version="1.0"',
    ]) {
      expect(reasonOf(xml), xml).toBe("truncated");
    }
  });

  it.each([
    ["an empty document", ""],
    ["whitespace only", "  \n "],
    ["a comment only", "<!-- x -->"],
    ["text before the root", "x<a/>"],
    ["text after the root", "<a/>x"],
    ["a second root element", "<a/><b/>"],
    ["mismatched end tag", "<a><b></a></b>"],
    ["an end tag with no open element", "</a>"],
    ["an end tag with the wrong prefix", '<p:a xmlns:p="urn:p" xmlns:q="urn:p"></q:a>'],
    ["a malformed end tag", "<a></a x>"],
    ["an unquoted attribute", "<a b=c/>"],
    ["an attribute without a value", "<a b/>"],
    ["attributes without whitespace between", '<a b="1"c="2"/>'],
    ["'<' in an attribute value", '<a b="<"/>'],
    ["'/' not closing the tag", "<a / >"],
    ["a duplicate attribute", '<a b="1" b="2"/>'],
    [
      "a duplicate attribute after namespace resolution",
      '<a xmlns:p="urn:x" xmlns:q="urn:x" p:b="1" q:b="2"/>',
    ],
    [
      "a duplicate attribute among many",
      `<a ${Array.from({ length: 20 }, (_, i) => `a${i}="1"`).join(" ")} a7="2"/>`,
    ],
    ["an undeclared element prefix", "<p:a/>"],
    ["an undeclared attribute prefix", '<a p:b="1"/>'],
    ["a prefix used out of scope", '<a><b xmlns:p="urn:p"/><p:c/></a>'],
    ["an undeclared prefix (empty binding)", '<a xmlns:p=""><p:b/></a>'],
    ["the xmlns prefix declared", '<a xmlns:xmlns="urn:x"/>'],
    ["the xml prefix rebound", '<a xmlns:xml="urn:x"/>'],
    ["an element named with the xmlns prefix", "<xmlns:a/>"],
    ["a name with two colons", '<a:b:c xmlns:a="urn:a"/>'],
    ["a name starting with a digit", "<1a/>"],
    ["a space after '<'", "< a/>"],
    ["']]>' in text", "<a>]]></a>"],
    ["'--' inside a comment", "<a><!-- a -- b --></a>"],
    ["CDATA outside the root", "<![CDATA[x]]><a/>"],
    ["an XML declaration after a comment", '<!-- c --><?xml version="1.0"?><a/>'],
    ["an XML declaration after the root", '<a/><?xml version="1.0"?>'],
    ["an empty namespace prefix", '<a xmlns:="urn:x"/>'],
    ["a namespace prefix with a colon", '<a xmlns:p:q="urn:x"/>'],
    ["a malformed XML declaration", '<?xml versio="1.0"?><a/>'],
    ["a raw NUL", "<a>\u0000</a>"],
    ["a lone surrogate", "<a>\uD800</a>"],
  ])("rejects %s as not-xml", (_what, xml) => {
    expect(reasonOf(xml)).toBe("not-xml");
  });

  it("says where, and never quotes large chunks of the input", () => {
    const secret = "s3cr3t".repeat(2000);
    const err = errorOf(() => parseXml(`<a>\n<b>\n&${secret};</b></a>`, { operation: "getKey" }));
    expect(err.message).toContain("line 3, column 1");
    expect(err.message).toContain("getKey");
    expect(err.operation).toBe("getKey");
    expect(err.message.length).toBeLessThan(200);
    const mismatch = errorOf(() => parseXml(`<${"x".repeat(5000)}></y>`));
    expect(mismatch.message.length).toBeLessThan(200);
  });

  it("handles pathological shapes: 50k attributes, 20k namespace bindings, 100k children", () => {
    // Linearity is measured by the bench (pnpm bench), never asserted with a clock here.
    const manyAttributes = `<a ${Array.from({ length: 50_000 }, (_, i) => `x${i}="${i}"`).join(" ")}/>`;
    expect(parseXml(manyAttributes).attributes.length).toBe(50_000);
    // Many bindings in scope, each element using the one declared first.
    const declarations = Array.from({ length: 20_000 }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(" ");
    const manyBindings = `<r ${declarations}>${"<p0:e/>".repeat(20_000)}</r>`;
    expect(parseXml(manyBindings).children.length).toBe(20_000);
    const manyChildren = `<r>${"<e a='1'>v&amp;</e>\n".repeat(100_000)}</r>`;
    expect(parseXml(manyChildren).children.length).toBe(100_000);
  });
});

describe("parseXml: the namespaceScope option", () => {
  const CONTRACT = `<w:definitions xmlns:w="urn:wsdl" xmlns:tns="urn:a" xmlns="urn:default">
  <w:types><s:schema xmlns:s="urn:xsd" xmlns:tns="urn:b"><s:element name="e" type="tns:t"/></s:schema></w:types>
  <w:message name="m" xmlns=""><w:part name="p" type="tns:t"/></w:message>
  <w:port xmlns:x="urn:x"/>
</w:definitions>`;

  it("is off by default: elements carry no scope", () => {
    const root = parseXml(CONTRACT);
    expect("scope" in root).toBe(false);
    expect(root.children.some((c) => "scope" in c)).toBe(false);
  });

  it("keeps the bindings in scope at every element, nearest declaration first", () => {
    const root = parseXml(CONTRACT, { namespaceScope: true });
    const [types, message, port] = root.children as [ScopedXmlElement, ScopedXmlElement, ScopedXmlElement];
    const schema = types.children[0]!;
    const element = schema.children[0]!;
    expect(root.scope.lookup("tns")).toBe("urn:a");
    expect(root.scope.lookup("")).toBe("urn:default");
    expect(root.scope.lookup("xml")).toBe("http://www.w3.org/XML/1998/namespace");
    expect(root.scope.lookup("s")).toBeUndefined();
    // The inner schema rebinds tns; the part, outside it, still sees the outer binding.
    expect(element.scope.lookup("tns")).toBe("urn:b");
    expect(element.scope.lookup("s")).toBe("urn:xsd");
    expect(message.children[0]!.scope.lookup("tns")).toBe("urn:a");
    // xmlns="" undeclares the default namespace.
    expect(message.scope.lookup("")).toBe("");
    // A self-closing element keeps its own declarations; its next sibling does not see them.
    expect(port.scope.lookup("x")).toBe("urn:x");
    expect(root.scope.lookup("x")).toBeUndefined();
  });

  it("lists every binding in scope, and the element's own declarations", () => {
    const root = parseXml(CONTRACT, { namespaceScope: true });
    const schema = root.children[0]!.children[0]!;
    expect([...schema.scope.bindings()]).toEqual([
      ["xml", "http://www.w3.org/XML/1998/namespace"],
      ["w", "urn:wsdl"],
      ["tns", "urn:b"],
      ["", "urn:default"],
      ["s", "urn:xsd"],
    ]);
    expect([...schema.scope.declared]).toEqual([
      ["s", "urn:xsd"],
      ["tns", "urn:b"],
    ]);
    // An element that declares nothing shares its parent's scope.
    expect(root.children[0]!.scope).toBe(root.scope);
    expect(schema.children[0]!.scope).toBe(schema.scope);
  });

  it("changes nothing else: the same tree, the same errors and limits", () => {
    const scoped = parseXml(CONTRACT, { namespaceScope: true });
    const strip = (el: XmlElement): unknown => ({
      name: el.name,
      ns: el.ns,
      prefix: el.prefix,
      attributes: el.attributes,
      text: el.text,
      children: el.children.map(strip),
    });
    expect(strip(scoped)).toEqual(strip(parseXml(CONTRACT)));
    expect(reasonOf(`<a:b/>`, { namespaceScope: true })).toBe("not-xml");
    expect(reasonOf("<!DOCTYPE r><r/>", { namespaceScope: true })).toBe("dtd-forbidden");
    expect(reasonOf("<a><a><a></a></a></a>", { namespaceScope: true, maxDepth: 2 })).toBe("too-deep");
  });

  it("stays linear with a declaration on every element of a deep document", () => {
    // One scope node per declaring element; a lookup walks at most maxDepth nodes.
    const depth = 10_000;
    const deep = `${Array.from({ length: depth }, (_, i) => `<e xmlns:p${i}="urn:${i}">`).join("")}${"</e>".repeat(depth)}`;
    let el = parseXml(deep, { namespaceScope: true, maxDepth: depth });
    while (el.children.length > 0) el = el.children[0]!;
    expect(el.scope.lookup("p0")).toBe("urn:0");
    expect(el.scope.lookup(`p${depth - 1}`)).toBe(`urn:${depth - 1}`);
    expect(el.scope.declared.size).toBe(1);
  });
});

describe("parseXml: names quoted in errors are redacted before they are cut short", () => {
  // Valid XML names, longer than the 40 characters a message quotes, so that a cut-short quote would leak.
  const secrets = [
    "AValidXmlNamePassword_0123456789abcdefghijklmnopqrstu",
    "S3CRET-eduix-session-41d8-0123456789-abcdefghijklmnopqrstuvwxyz",
    "companyCode.5be2.5be2.5be2.5be2.5be2.5be2.5be2.x",
  ];
  const quoting: Record<string, (name: string) => string> = {
    "an unmatched end tag": (n) => `<a><${n}></a>`,
    "an end tag with nothing open": (n) => `<a/></${n}>`,
    "an undeclared prefix": (n) => `<${n.replace(/[.-]/g, "_")}:x/>`,
    "an unknown entity": (n) => `<a>&${n};</a>`,
    "a duplicate attribute": (n) => `<a ${n}="1" ${n}="2"/>`,
    "an attribute without '='": (n) => `<a ${n} x="1"/>`,
    "a truncated document": (n) => `<a><${n}>`,
  };

  for (const [where, build] of Object.entries(quoting)) {
    it(`in ${where}`, () => {
      const redact = (text: string) =>
        secrets.reduce((out, s) => out.split(s.replace(/[.-]/g, "_")).join("[R]").split(s).join("[R]"), text);
      for (const secret of secrets) {
        const error = errorOf(() => parseXml(build(secret), { redact }));
        expect(error.message).toContain("[R]");
        for (const s of [secret, secret.replace(/[.-]/g, "_")])
          expect(error.message).not.toContain(s.slice(0, 12));
      }
    });
  }
});

describe("parseXml: XML 1.0's name and encoding rules", () => {
  it("refuses names with characters from U+F0000 to U+10FFFF, in every position", () => {
    for (const cp of [0xf0000, 0xf1234, 0xfffff, 0x100000, 0x10fffd]) {
      const ch = String.fromCodePoint(cp);
      for (const xml of [
        `<${ch}/>`,
        `<a${ch}/>`,
        `<a ${ch}="1"/>`,
        `<a b${ch}="1"/>`,
        `<p${ch}:a xmlns:p${ch}="u"/>`,
      ]) {
        expect(reasonOf(xml), `${cp.toString(16)} in ${xml}`).toBe("not-xml");
      }
    }
    // The planes below stay valid (NameStartChar includes U+10000–U+EFFFF).
    for (const cp of [0x10000, 0x20000, 0xeffff]) {
      const ch = String.fromCodePoint(cp);
      expect(parseXml(`<${ch}a${ch}/>`).name).toBe(`${ch}a${ch}`);
    }
  });

  it("refuses an encoding name it does not know, and accepts the ones it can decode", () => {
    for (const name of ["x-made-up", "UTF-32", "EBCDIC-CP-US", "ISO-8859-99", "klingon"]) {
      const error = errorOf(() => parseXml(`<?xml version="1.0" encoding="${name}"?><a/>`));
      expect(error.reason).toBe("not-xml");
      expect(error.message).toContain(`unsupported encoding ${name}`);
    }
    for (const name of [
      "UTF-8",
      "utf-8",
      "ISO-8859-1",
      "US-ASCII",
      "UTF-16",
      "windows-1252",
      "ISO-8859-15",
    ]) {
      expect(parseXml(`<?xml version="1.0" encoding='${name}' standalone="yes"?><a/>`).name).toBe("a");
    }
  });
});
