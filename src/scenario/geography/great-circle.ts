/**
 * Great-circle distance on a spherical Earth (haversine). Accurate to about 0.5%, far inside the
 * scatter of the RTT-vs-distance fit that uses it.
 */

/** Mean Earth radius [km] (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

/** Distance [km] between two points given in degrees. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
