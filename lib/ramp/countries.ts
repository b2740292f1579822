/**
 * Countries the pickers offer and how a default is guessed. Browser-safe. Coinbase's
 * options API says what is available where; this list only names places to ask about.
 */
export const COUNTRIES = [
  { code: "US", name: "United States" },
  { code: "GB", name: "United Kingdom" },
  { code: "CA", name: "Canada" },
  { code: "DE", name: "Germany" },
  { code: "FR", name: "France" },
  { code: "ES", name: "Spain" },
  { code: "IT", name: "Italy" },
  { code: "NL", name: "Netherlands" },
  { code: "IE", name: "Ireland" },
  { code: "CH", name: "Switzerland" },
  { code: "AU", name: "Australia" },
  { code: "SG", name: "Singapore" },
  { code: "JP", name: "Japan" },
  { code: "BR", name: "Brazil" },
  { code: "MX", name: "Mexico" },
] as const;

export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;

/** Coinbase needs the state for US users (rules differ by state). */
export function needsSubdivision(country: string): boolean {
  return country === "US";
}

export interface Region {
  country: string;
  subdivision?: string;
}

/**
 * A first guess from Accept-Language ("en-GB,en;q=0.9" → GB); the user can change it.
 * A US guess gets a state too, since the options API needs one: the user is asked to check it.
 */
export function guessRegion(acceptLanguage: string | null): Region {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const region = /^[a-z]{2,3}-([A-Za-z]{2})\b/.exec(part.trim())?.[1]?.toUpperCase();
    if (region && COUNTRIES.some((c) => c.code === region)) {
      return needsSubdivision(region)
        ? { country: region, subdivision: "NY" }
        : { country: region };
    }
  }
  return { country: "US", subdivision: "NY" };
}

const STATE_NAMES: Record<string, string> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

export function stateName(code: string): string {
  return STATE_NAMES[code] ?? code;
}

/** The region as people say it: "United States · New York", "Japan". */
export function regionLabel(region: Region): string {
  const country = COUNTRIES.find((c) => c.code === region.country)?.name ?? region.country;
  return region.subdivision ? `${country} · ${stateName(region.subdivision)}` : country;
}
