/**
 * Closed-form results of queueing theory, for validating stations and for first guesses in
 * capacity planning (the offered load in Erlangs, the servers Erlang C asks for).
 *
 * Notation: arrival rate λ [1/s], service rate μ = 1/E[S] [1/s], c servers, offered load a = λ/μ
 * [Erlang], utilisation ρ = a/c. Waits are in seconds. Sources: Kleinrock, Queueing Systems I
 * (1975); Gross & Harris, Fundamentals of Queueing Theory, 4th ed., ch. 2-3.
 */

export interface QueueFigures {
  /** Probability that an arrival waits (or, for loss systems, is blocked: see `blocking`). */
  readonly probabilityOfWait: number;
  /** Mean wait in queue, Wq [s]. */
  readonly meanWait: number;
  /** Mean time in system, W = Wq + E[S] [s]. */
  readonly meanSojourn: number;
  /** Mean number in system, L = λ_eff W (Little). */
  readonly meanInSystem: number;
}

/** Erlang B blocking probability of M/M/c/c with offered load a, by the stable recursion. */
export function erlangB(servers: number, offeredLoad: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C: probability of waiting in M/M/c with offered load a (< c). */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** M/M/c (c = 1 gives M/M/1). Requires λ < cμ. */
export function mmc(arrivalRate: number, serviceRate: number, servers: number): QueueFigures {
  assertStable(arrivalRate, serviceRate, servers);
  const a = arrivalRate / serviceRate;
  const pWait = erlangC(servers, a);
  const meanWait = pWait / (servers * serviceRate - arrivalRate);
  const meanSojourn = meanWait + 1 / serviceRate;
  return { probabilityOfWait: pWait, meanWait, meanSojourn, meanInSystem: arrivalRate * meanSojourn };
}

/**
 * M/G/1 by Pollaczek-Khinchine: Wq = λ E[S²] / (2 (1 - ρ)). With `scv` the squared coefficient
 * of variation of service (0 = deterministic: M/D/1; 1 = exponential: M/M/1).
 */
export function mg1(arrivalRate: number, meanService: number, scv: number): QueueFigures {
  const rho = arrivalRate * meanService;
  assertStable(arrivalRate, 1 / meanService, 1);
  const secondMoment = (1 + scv) * meanService * meanService;
  const meanWait = (arrivalRate * secondMoment) / (2 * (1 - rho));
  const meanSojourn = meanWait + meanService;
  return { probabilityOfWait: rho, meanWait, meanSojourn, meanInSystem: arrivalRate * meanSojourn };
}

export interface FiniteQueueFigures extends QueueFigures {
  /** Probability an arrival finds the system full and is turned away (PASTA). */
  readonly blocking: number;
  /** Throughput of accepted arrivals, λ (1 - P_K) [1/s]. */
  readonly acceptedRate: number;
}

/**
 * M/M/c/K: c servers, at most K jobs in the system (K - c waiting). Waits are those of accepted
 * jobs. Any λ is allowed (the queue is finite).
 */
export function mmcK(
  arrivalRate: number,
  serviceRate: number,
  servers: number,
  capacity: number,
): FiniteQueueFigures {
  if (capacity < servers) throw new RangeError(`capacity K=${capacity} must be at least c=${servers}`);
  const a = arrivalRate / serviceRate;
  // Unnormalised state probabilities p_n / p_0, built iteratively to avoid factorial overflow.
  const weights = new Float64Array(capacity + 1);
  weights[0] = 1;
  for (let n = 1; n <= capacity; n++) weights[n] = (weights[n - 1] * a) / Math.min(n, servers);
  let total = 0;
  for (let n = 0; n <= capacity; n++) total += weights[n];
  let inSystem = 0;
  let inQueue = 0;
  for (let n = 0; n <= capacity; n++) {
    const p = weights[n] / total;
    inSystem += n * p;
    if (n > servers) inQueue += (n - servers) * p;
  }
  const blocking = weights[capacity] / total;
  const acceptedRate = arrivalRate * (1 - blocking);
  let waitMass = 0;
  for (let n = servers; n < capacity; n++) waitMass += weights[n] / total;
  return {
    probabilityOfWait: waitMass / (1 - blocking),
    meanWait: inQueue / acceptedRate,
    meanSojourn: inSystem / acceptedRate,
    meanInSystem: inSystem,
    blocking,
    acceptedRate,
  };
}

/** Smallest c for which M/M/c's mean wait is at most `maxMeanWait` seconds. */
export function serversForMeanWait(arrivalRate: number, serviceRate: number, maxMeanWait: number): number {
  let c = Math.max(1, Math.floor(arrivalRate / serviceRate) + 1);
  while (mmc(arrivalRate, serviceRate, c).meanWait > maxMeanWait) c++;
  return c;
}

function assertStable(arrivalRate: number, serviceRate: number, servers: number): void {
  if (!(arrivalRate < servers * serviceRate)) {
    throw new RangeError(`unstable queue: λ=${arrivalRate} >= cμ=${servers * serviceRate}`);
  }
}
