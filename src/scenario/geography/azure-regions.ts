/**
 * The Azure regions authsim knows by name: canonical programmatic name (`westeurope`), display
 * name ("West Europe"), the datacenter code Microsoft's latency table uses, approximate
 * coordinates and the IANA time zone of the region's city (the default zone of a user base there).
 *
 * Coordinates: the metro area each region is publicly associated with (Azure's own
 * `az account list-locations` metadata where it is known, otherwise the city centre); good to a
 * city, which is all the distance-based RTT estimate needs.
 */

export interface AzureRegion {
  /** Canonical name, as the Azure CLI writes it. */
  readonly name: string;
  readonly displayName: string;
  /** Code in Microsoft's round-trip latency table, or null when the table lacks the region. */
  readonly code: string | null;
  /** Latitude [deg]. */
  readonly lat: number;
  /** Longitude [deg]. */
  readonly lon: number;
  /** IANA time zone of the region's city. */
  readonly timeZone: string;
}

const r = (
  name: string,
  displayName: string,
  code: string | null,
  lat: number,
  lon: number,
  timeZone: string,
): AzureRegion => ({ name, displayName, code, lat, lon, timeZone });

export const AZURE_REGIONS: readonly AzureRegion[] = [
  r("eastus", "East US", "bl", 37.3719, -79.8164, "America/New_York"),
  r("eastus2", "East US 2", "bn", 36.6681, -78.3889, "America/New_York"),
  r("northcentralus", "North Central US", "ch", 41.8819, -87.6278, "America/Chicago"),
  r("centralus", "Central US", "dm", 41.5908, -93.6208, "America/Chicago"),
  r("southcentralus", "South Central US", "sn", 29.4167, -98.5, "America/Chicago"),
  r("westcentralus", "West Central US", "cy", 41.14, -104.82, "America/Denver"),
  r("westus", "West US", "by", 37.783, -122.417, "America/Los_Angeles"),
  r("westus2", "West US 2", "mwh", 47.233, -119.852, "America/Los_Angeles"),
  r("westus3", "West US 3", "usw3", 33.448, -112.074, "America/Phoenix"),
  r("canadacentral", "Canada Central", "yt", 43.653, -79.383, "America/Toronto"),
  r("canadaeast", "Canada East", "yq", 46.817, -71.217, "America/Toronto"),
  r("brazilsouth", "Brazil South", "cq", -23.55, -46.633, "America/Sao_Paulo"),
  r("brazilsoutheast", "Brazil Southeast", null, -22.9028, -43.2075, "America/Sao_Paulo"),
  r("mexicocentral", "Mexico Central", "mxc", 20.588, -100.389, "America/Mexico_City"),
  r("chilecentral", "Chile Central", null, -33.4489, -70.6693, "America/Santiago"),
  r("northeurope", "North Europe", "db", 53.3478, -6.2597, "Europe/Dublin"),
  r("westeurope", "West Europe", "am", 52.3667, 4.9, "Europe/Amsterdam"),
  r("uksouth", "UK South", "ln", 51.5072, -0.1276, "Europe/London"),
  r("ukwest", "UK West", "cw", 51.4816, -3.1791, "Europe/London"),
  r("francecentral", "France Central", "par", 48.8566, 2.3522, "Europe/Paris"),
  r("francesouth", "France South", "mrs", 43.2965, 5.3698, "Europe/Paris"),
  r("germanywestcentral", "Germany West Central", "dewc", 50.1109, 8.6821, "Europe/Berlin"),
  r("germanynorth", "Germany North", "den", 53.0736, 8.8064, "Europe/Berlin"),
  r("switzerlandnorth", "Switzerland North", "chn", 47.3769, 8.5417, "Europe/Zurich"),
  r("switzerlandwest", "Switzerland West", "chw", 46.2044, 6.1432, "Europe/Zurich"),
  r("norwayeast", "Norway East", "noe", 59.9139, 10.7522, "Europe/Oslo"),
  r("norwaywest", "Norway West", "now", 58.97, 5.7331, "Europe/Oslo"),
  r("swedencentral", "Sweden Central", "sec", 60.6749, 17.1413, "Europe/Stockholm"),
  r("swedensouth", "Sweden South", null, 55.605, 13.0038, "Europe/Stockholm"),
  r("polandcentral", "Poland Central", "plc", 52.2297, 21.0122, "Europe/Warsaw"),
  r("italynorth", "Italy North", "itn", 45.4642, 9.19, "Europe/Rome"),
  r("spaincentral", "Spain Central", null, 40.4168, -3.7038, "Europe/Madrid"),
  r("israelcentral", "Israel Central", "ilc", 31.0461, 34.8516, "Asia/Jerusalem"),
  r("uaenorth", "UAE North", "dxb", 25.2048, 55.2708, "Asia/Dubai"),
  r("uaecentral", "UAE Central", "auh", 24.4539, 54.3773, "Asia/Dubai"),
  r("qatarcentral", "Qatar Central", "qac", 25.2854, 51.531, "Asia/Qatar"),
  r("southafricanorth", "South Africa North", "jnb", -26.2041, 28.0473, "Africa/Johannesburg"),
  r("southafricawest", "South Africa West", "cpt", -33.9249, 18.4241, "Africa/Johannesburg"),
  r("centralindia", "Central India", "pn", 18.5204, 73.8567, "Asia/Kolkata"),
  r("southindia", "South India", "ma", 13.0827, 80.2707, "Asia/Kolkata"),
  r("westindia", "West India", "bm", 19.076, 72.8777, "Asia/Kolkata"),
  r("jioindiawest", "Jio India West", "jinw", 22.4707, 70.0577, "Asia/Kolkata"),
  r("jioindiacentral", "Jio India Central", null, 21.1458, 79.0882, "Asia/Kolkata"),
  r("southeastasia", "Southeast Asia", "sg", 1.3521, 103.8198, "Asia/Singapore"),
  r("eastasia", "East Asia", "hk", 22.3193, 114.1694, "Asia/Hong_Kong"),
  r("malaysiawest", "Malaysia West", "myw", 3.139, 101.6869, "Asia/Kuala_Lumpur"),
  // Microsoft's table code "d" is mapped here by elimination; the mapping is uncertain.
  r("indonesiacentral", "Indonesia Central", "d", -6.2088, 106.8456, "Asia/Jakarta"),
  r("japaneast", "Japan East", "ty", 35.6762, 139.6503, "Asia/Tokyo"),
  r("japanwest", "Japan West", "os", 34.6937, 135.5023, "Asia/Tokyo"),
  r("koreacentral", "Korea Central", "se", 37.5665, 126.978, "Asia/Seoul"),
  r("koreasouth", "Korea South", "ps", 35.1796, 129.0756, "Asia/Seoul"),
  r("australiaeast", "Australia East", "sy", -33.8688, 151.2093, "Australia/Sydney"),
  r("australiasoutheast", "Australia Southeast", "ml", -37.8136, 144.9631, "Australia/Melbourne"),
  r("australiacentral", "Australia Central", "cbr", -35.2809, 149.13, "Australia/Sydney"),
  r("australiacentral2", "Australia Central 2", "cbr2", -35.2809, 149.13, "Australia/Sydney"),
  r("newzealandnorth", "New Zealand North", "nzn", -36.8485, 174.7633, "Pacific/Auckland"),
];

/** Lower-cases and drops spaces, hyphens and underscores: "West Europe" -> "westeurope". */
export function normaliseRegionName(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, "");
}

const BY_NAME = new Map(AZURE_REGIONS.map((region) => [region.name, region]));

/** The built-in region a user wrote, in either canonical or display form, or undefined. */
export function findAzureRegion(text: string): AzureRegion | undefined {
  return BY_NAME.get(normaliseRegionName(text));
}
