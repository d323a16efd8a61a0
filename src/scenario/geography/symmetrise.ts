/**
 * Microsoft's table is directional (row = source, column = destination), a little asymmetric and
 * has gaps. A round trip is the same path both ways, so authsim uses one number per unordered
 * pair: the mean of the two directions when both are measured, the one measured direction when
 * only one is, and nothing (left to the distance estimate) when neither is.
 */

/** Symmetric RTT for (i, j) from a directional matrix with nulls for gaps, or null. */
export function symmetricRtt(
  matrix: ReadonlyArray<ReadonlyArray<number | null>>,
  i: number,
  j: number,
): number | null {
  const ab = matrix[i][j];
  const ba = matrix[j][i];
  if (ab !== null && ba !== null) return (ab + ba) / 2;
  return ab ?? ba;
}
