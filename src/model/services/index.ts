/**
 * The stations a sign-in visits and what sizes them: each datacenter's WFE and back-end
 * clusters, the identity provider's login page and token endpoint per identity region, the
 * global tenant-lookup service, and autoscaling rules.
 */
export { Autoscaler, type ScalableStation } from "./autoscaler.ts";
export { Datacenters } from "./datacenters.ts";
export { GlobalService } from "./global-service.ts";
export { IdentityProvider } from "./identity-provider.ts";
