/**
 * What the loopback servers answer and what the raw contenders send: the contract fixtures, verbatim, so the
 * bytes on the wire are the vendors' own samples; plus generated large responses for the scale tests.
 */
import { readFileSync } from "node:fs";
import { CONTRACTS } from "./paths.js";

function fixture(path: string): string {
  return readFileSync(`${CONTRACTS}${path}`, "utf8");
}

/** The values every contender sends, so that all of them make the same request. */
export const INPUT = {
  easysecure: { companyId: "^4p;tU0Q+#dEIhTWkuj5FnLD^aKWqVu0", wsAltUserId: "6666" },
  moka: { dealerCode: "xxx", username: "xxx", password: "xxx", customerCode: "Customer" },
  eduix: {
    username: "api-koppeling@distributeur-voorbeeld.nl",
    password: "Zw4rtK@t-2024!",
    sessionID: "b3f1c9e2a7d84f06a1c5e9d2f7b30e4c",
    profileID: 48213976,
  },
} as const;

export const responses = {
  /** Esws.syncMOCA → OK: the vendor's sample response. */
  eswsSyncMOCA: () => fixture("easysecure/fixtures/syncMOCA/doc-sample/response.xml"),
  /** GetCardList success: the vendor's sample (one customer, one card). */
  mokaGetCardList: () => fixture("moka/fixtures/GetCardList/doc-sample-success/response.json"),
  /** GetCustomerList success with three customers. */
  mokaGetCustomerList: () => fixture("moka/fixtures/GetCustomerList/success-several-customers/response.json"),
  eduixLogin: () => fixture("eduix/fixtures/login/success/response.xml"),
  /** getKey → one key with all three members. */
  eduixGetKey: () => fixture("eduix/fixtures/getKey/success-one-key/response.xml"),
};

/** Requests as the raw-undici contenders send them (precomputed once). */
export const requests = {
  /** The vendor's syncMOCA sample request. */
  eswsSyncMOCA: () => fixture("easysecure/fixtures/syncMOCA/doc-sample/request.xml"),
  /** GetCardList by CustomerCode, with a real CheckKey for xxx/xxx/xxx. */
  mokaGetCardList: () =>
    JSON.stringify(JSON.parse(fixture("moka/fixtures/GetCardList/request-by-customer-code/request.json"))),
  /** getKey by profileID with a sessionIDHeader: the vendor's (SoapUI) sample. */
  eduixGetKey: () => fixture("eduix/fixtures/getKey/doc-sample-session-id-header/request.xml"),
};

const FIRST = ["Elif", "Ahmet", "Ayşe", "Mehmet", "Zeynep", "Mustafa", "Emine", "Ali", "Fatma", "Hüseyin"];
const LAST = [
  "Yılmaz",
  "Kaya",
  "Demir",
  "Şahin",
  "Çelik",
  "Yıldız",
  "Yıldırım",
  "Öztürk",
  "Aydın",
  "Özdemir",
];
const STREETS = [
  "TAŞDELEN",
  "KADIKÖY",
  "Bağdat Cad. 112/4 Kadıköy İstanbul",
  "Atatürk Bulvarı No:27 Çankaya Ankara",
];

/**
 * A GetCustomerList success envelope with `n` customers, shaped like the vendor's sample: every field
 * present, Turkish text (multi-byte UTF-8), and one customer in ten with the optional fields null (as .NET
 * emits them). About 260 bytes per customer.
 */
export function customerListJson(n: number): string {
  const list = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const id = 100_000 + i;
    if (i % 10 === 9) {
      list[i] = {
        DealerCustomerId: id,
        CustomerCode: `C${id}`,
        Password: null,
        FirstName: null,
        LastName: null,
        Gender: null,
        BirthDate: null,
        GsmNumber: null,
        Email: null,
        Address: null,
      };
      continue;
    }
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    list[i] = {
      DealerCustomerId: id,
      CustomerCode: `C${id}`,
      Password: `Pw${(i * 7919) % 1_000_000}`,
      FirstName: first,
      LastName: last,
      Gender: (i % 2) + 1,
      BirthDate: `19${50 + (i % 50)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}`,
      GsmNumber: `53${String(10_000_000 + ((i * 104_729) % 90_000_000)).padStart(8, "0")}`,
      Email: `${first.toLowerCase()}.${i}@example.com.tr`,
      Address: STREETS[i % STREETS.length]!,
    };
  }
  return JSON.stringify({
    Data: { DealerCustomerListCount: n, DealerCustomerList: list },
    ResultCode: "Success",
    ResultMessage: "",
    Exception: null,
  });
}

function hex(seed: number, length: number): string {
  let out = "";
  let x = seed >>> 0 || 1;
  while (out.length < length) {
    // xorshift32: cheap, deterministic, good enough to make every id distinct-looking.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += x.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

/**
 * A getKey success envelope with `n` keys, pretty-printed like the fixtures: profileID, a UUID
 * distributorPersonID and an ECK iD userID (`https://ketenid.nl/201703/` + 128 hex; ECK iDs are 128–256
 * characters, contracts/eduix/README.md). About 380 bytes per key.
 */
export function getKeyXml(n: number): string {
  const parts: string[] = [
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3">\n',
    "   <soapenv:Body>\n      <urn:getKeyResponse>\n",
  ];
  for (let i = 0; i < n; i++) {
    const h = hex(i + 1, 32);
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    parts.push(
      "         <urn:key>\n",
      `            <urn:profileID>${10_000_000 + i}</urn:profileID>\n`,
      `            <urn:distributorPersonID>${uuid}</urn:distributorPersonID>\n`,
      `            <urn:userID>https://ketenid.nl/201703/${hex(i * 31 + 7, 128)}</urn:userID>\n`,
      "         </urn:key>\n",
    );
  }
  parts.push("      </urn:getKeyResponse>\n   </soapenv:Body>\n</soapenv:Envelope>\n");
  return parts.join("");
}
