/**
 * Places people call Azure regions by (a city or a country), for "did you mean" only: `tokyo` is
 * answered with `japaneast`, never silently taken for it, since a country often has several
 * regions. Keys are normalised like region names (lower case, no spaces, `-` or `_`).
 */
import { normaliseRegionName } from "./azure-regions.ts";

/** region -> the cities and countries it is known by. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  eastus: ["virginia"],
  northcentralus: ["chicago", "illinois"],
  centralus: ["iowa", "desmoines"],
  southcentralus: ["texas", "sanantonio"],
  westcentralus: ["wyoming"],
  westus: ["california", "sanfrancisco"],
  westus2: ["washington", "seattle"],
  westus3: ["arizona", "phoenix"],
  canadacentral: ["canada", "toronto"],
  canadaeast: ["quebec"],
  brazilsouth: ["brazil", "saopaulo"],
  brazilsoutheast: ["riodejaneiro", "rio"],
  mexicocentral: ["mexico", "queretaro"],
  chilecentral: ["chile", "santiago"],
  northeurope: ["ireland", "dublin"],
  westeurope: ["netherlands", "amsterdam", "holland"],
  uksouth: ["uk", "unitedkingdom", "england", "london"],
  ukwest: ["wales", "cardiff"],
  francecentral: ["france", "paris"],
  francesouth: ["marseille"],
  germanywestcentral: ["germany", "frankfurt"],
  germanynorth: ["berlin", "bremen"],
  switzerlandnorth: ["switzerland", "zurich"],
  switzerlandwest: ["geneva"],
  norwayeast: ["norway", "oslo"],
  norwaywest: ["stavanger"],
  swedencentral: ["sweden", "gavle", "stockholm"],
  swedensouth: ["malmo"],
  polandcentral: ["poland", "warsaw"],
  italynorth: ["italy", "milan"],
  spaincentral: ["spain", "madrid"],
  israelcentral: ["israel", "telaviv"],
  uaenorth: ["uae", "dubai"],
  uaecentral: ["abudhabi"],
  qatarcentral: ["qatar", "doha"],
  southafricanorth: ["southafrica", "johannesburg"],
  southafricawest: ["capetown"],
  centralindia: ["india", "pune"],
  southindia: ["chennai"],
  westindia: ["mumbai"],
  southeastasia: ["singapore"],
  eastasia: ["hongkong"],
  malaysiawest: ["malaysia", "kualalumpur"],
  indonesiacentral: ["indonesia", "jakarta"],
  japaneast: ["japan", "tokyo"],
  japanwest: ["osaka"],
  koreacentral: ["korea", "southkorea", "seoul"],
  koreasouth: ["busan"],
  australiaeast: ["australia", "sydney"],
  australiasoutheast: ["melbourne"],
  australiacentral: ["canberra"],
  newzealandnorth: ["newzealand", "auckland"],
};

const BY_ALIAS = new Map<string, string>(
  Object.entries(ALIASES).flatMap(([region, names]) => names.map((n) => [n, region] as const)),
);

/** The region a city or country name points to, or null. */
export function regionForAlias(text: string): string | null {
  return BY_ALIAS.get(normaliseRegionName(text)) ?? null;
}

/** The aliases of a region (for the documentation's table). */
export function aliasesOf(region: string): readonly string[] {
  return Object.hasOwn(ALIASES, region) ? ALIASES[region] : [];
}
