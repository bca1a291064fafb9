import { describe, expect, it } from "vitest";
import { createDateFormatter, DEFAULT_TIME_ZONE, isRealDateTime } from "./dates.js";

describe("createDateFormatter", () => {
  it("defaults to the vendor's zone, Europe/Amsterdam, in summer and in winter", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Europe/Amsterdam");
    const format = createDateFormatter(DEFAULT_TIME_ZONE);
    expect(format(new Date("2024-06-30T22:00:00Z"))).toBe("2024-07-01 00:00:00"); // CEST, UTC+2
    expect(format(new Date("2024-12-31T23:59:59Z"))).toBe("2025-01-01 00:59:59"); // CET, UTC+1
    expect(format(new Date("2024-01-05T09:08:07.999Z"))).toBe("2024-01-05 10:08:07");
  });

  it("uses 00 for midnight (never 24) and honours another zone", () => {
    expect(createDateFormatter("UTC")(new Date("2024-03-01T00:00:00Z"))).toBe("2024-03-01 00:00:00");
    expect(createDateFormatter("America/New_York")(new Date("2024-03-01T12:00:00Z"))).toBe(
      "2024-03-01 07:00:00",
    );
  });

  it("throws RangeError for an unknown zone", () => {
    expect(() => createDateFormatter("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("isRealDateTime", () => {
  it("accepts real dates and times", () => {
    for (const s of ["2024-02-29 23:59:59", "2030-12-31 00:00:00", "2000-02-29 12:00:00"]) {
      expect(isRealDateTime(s), s).toBe(true);
    }
  });

  it("rejects other formats and impossible values", () => {
    for (const s of [
      "2024-01-01",
      "2024-01-01T00:00:00",
      "2023-02-29 00:00:00",
      "1900-02-29 00:00:00",
      "2024-04-31 00:00:00",
      "2024-13-01 00:00:00",
      "2024-00-10 00:00:00",
      "2024-01-00 00:00:00",
      "2024-01-01 24:00:00",
      "2024-01-01 00:60:00",
      "2024-01-01 00:00:60",
    ]) {
      expect(isRealDateTime(s), s).toBe(false);
    }
  });
});
