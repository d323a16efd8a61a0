/**
 * The whole scenario document. Every section has a documented default (a minimal file needs
 * only name, datacenters and userBases); cross-references and routing needs are checked after
 * this schema, in ../validate/.
 */
import { z } from "zod";
import { DatacenterSchema } from "./datacenters.ts";
import { FaultSchema } from "./faults.ts";
import { GeographySchema } from "./geography.ts";
import { GlobalServiceSchema, IdentityProviderSchema } from "./identity-provider.ts";
import { name } from "./primitives.ts";
import { SimulationSchema } from "./simulation.ts";
import { SloSchema } from "./slos.ts";
import { TrafficManagerSchema } from "./traffic-manager.ts";
import { ClientSchema, TenantSchema, UserBaseSchema } from "./user-bases.ts";

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Editors' JSON Schema reference; ignored."),
    name: name().describe("Short identifier, used in output folder names."),
    description: z.string().prefault("").describe("What question this scenario answers."),
    simulation: SimulationSchema.prefault({}),
    geography: GeographySchema.prefault({}),
    datacenters: z.array(DatacenterSchema).min(1, { error: "at least one datacenter" }),
    trafficManager: TrafficManagerSchema.prefault({}),
    identityProvider: IdentityProviderSchema.prefault({}),
    globalService: GlobalServiceSchema.prefault({}),
    tenants: z
      .array(TenantSchema)
      .min(1, {
        error: "at least one tenant (or no tenants key: one tenant `default` on the first datacenter)",
      })
      .optional()
      .describe("Default: one tenant `default` on the first datacenter."),
    userBases: z.array(UserBaseSchema).min(1, { error: "at least one user base" }),
    client: ClientSchema.prefault({}),
    faults: z.array(FaultSchema).prefault([]),
    slos: z.array(SloSchema).prefault([]),
  })
  .describe("An authsim scenario: see docs/scenario-format.md.");

/** The document after schema parsing: units converted, section defaults filled. */
export type ParsedScenario = z.output<typeof ScenarioSchema>;
/** The document as written. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
