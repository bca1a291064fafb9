/** The three simulated vendors; one HTTP listener each. */
export const VENDORS = ["esws", "moka", "eduix"] as const;
export type Vendor = (typeof VENDORS)[number];

export const VENDOR_LABELS: Readonly<Record<Vendor, string>> = {
  esws: "EasySecure ESWS",
  moka: "Moka United",
  eduix: "Edu-iX Account 4.3",
};

/** Default ports, printed at start. 0 means "any free port" (tests). */
export const DEFAULT_PORTS: Readonly<Record<Vendor, number>> = {
  esws: 7401,
  moka: 7402,
  eduix: 7403,
};

export const DEFAULT_HOST = "127.0.0.1";

/** Request paths, chosen to match the vendors' own. */
export const ESWS_PATH = "/webservicesesws";
export const EDUIX_PATH = "/soap/4.3/account";
