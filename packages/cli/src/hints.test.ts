import { NetworkError, ValidationError } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { withCliHints } from "./hints.js";

const refused = () =>
  new NetworkError("GetCustomerList: connect ECONNREFUSED 127.0.0.1:7402", {
    operation: "GetCustomerList",
    code: "ECONNREFUSED",
  }).toJSON();

describe("withCliHints", () => {
  it("tells a --sandbox user with no sandbox running how to start it", () => {
    const shown = withCliHints(refused(), { sandbox: true, vendor: "moka" });
    expect(shown.hint).toContain("No sandbox is listening at http://127.0.0.1:7402");
    expect(shown.hint).toContain("pnpm start");
    expect(shown).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });

  it("gives no sandbox advice when the address is the user's own", () => {
    expect(withCliHints(refused(), { sandbox: false, vendor: "moka" }).hint).toBeUndefined();
  });

  it("names the --transliterate flag where the client names its option", () => {
    const error = new ValidationError([
      {
        field: "p_Achternaam",
        rule: "pattern",
        message:
          'contains "ł" (U+0142): ESWS stores only characters up to U+00FF (Latin-1) and would turn it into "?"; create the client with transliterate: true to replace such characters with Latin-1 look-alikes',
      },
    ]);
    const shown = withCliHints(error.toJSON(), { sandbox: false, vendor: "easysecure" });
    expect(JSON.stringify(shown)).not.toContain("transliterate: true");
    expect(shown.message).toContain("add --transliterate to replace such characters");
    expect(shown.issues).toEqual([
      expect.objectContaining({
        field: "p_Achternaam",
        rule: "pattern",
        message: expect.stringContaining("add --transliterate"),
      }),
    ]);
  });
});
