/**
 * Steady-state results of queueing theory that the simulator's models are checked against, all for
 * Poisson arrivals at rate λ and first-come first-served service unless said otherwise (Kleinrock,
 * Queueing Systems vol. 1; Harchol-Balter, Performance Modeling and Design of Computer Systems).
 * Times are in the unit of the rates' reciprocal (ms for rates per ms). Each function checks that
 * the queue is stable (utilization < 1) and throws a RangeError saying so otherwise. O(1), except
 * Erlang C: O(c).
 *
 * Little's law, L = λ·W, holds for every one of them and for any stable system: a test checks it on
 * every model.
 */

function requirePositive(name: string, value: number): void {
  if (!(value > 0 && value < Infinity)) throw new RangeError(`${name} must be a finite number > 0; got ${value}`);
}

function requireStable(utilization: number, what: string): void {
  if (!(utilization < 1)) throw new RangeError(`${what} is unstable: utilization ${utilization} ≥ 1, so there is no steady state`);
}

/** M/M/1 mean response time (wait + service): 1 / (μ − λ). */
export function mm1MeanResponse(arrivalRate: number, serviceRate: number): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  requireStable(arrivalRate / serviceRate, "M/M/1");
  return 1 / (serviceRate - arrivalRate);
}

/**
 * Erlang C: the probability that an arrival to an M/M/c queue waits (all c servers busy), with offered
 * load a = λ/μ < c. Computed through Erlang B's stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)),
 * then C = c·B / (c − a·(1 − B)).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!Number.isSafeInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number ≥ 1; got ${servers}`);
  requirePositive("offeredLoad", offeredLoad);
  requireStable(offeredLoad / servers, `M/M/${servers}`);
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  return (servers * blocking) / (servers - offeredLoad * (1 - blocking));
}

/** M/M/c mean wait in line: C(c, λ/μ) / (c·μ − λ). */
export function mmcMeanWait(arrivalRate: number, serviceRate: number, servers: number): number {
  requirePositive("serviceRate", serviceRate);
  return erlangC(servers, arrivalRate / serviceRate) / (servers * serviceRate - arrivalRate);
}

/** M/M/c mean response time: the wait plus 1/μ. */
export function mmcMeanResponse(arrivalRate: number, serviceRate: number, servers: number): number {
  return mmcMeanWait(arrivalRate, serviceRate, servers) + 1 / serviceRate;
}

/**
 * Pollaczek–Khinchine: the M/G/1 mean wait in line, λ·E[S²] / (2·(1 − ρ)), from the service time's
 * mean and second moment. For M/D/1 (every service exactly D) E[S²] = D².
 */
export function mg1MeanWait(arrivalRate: number, meanService: number, serviceSecondMoment: number): number {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("meanService", meanService);
  requirePositive("serviceSecondMoment", serviceSecondMoment);
  const utilization = arrivalRate * meanService;
  requireStable(utilization, "M/G/1");
  return (arrivalRate * serviceSecondMoment) / (2 * (1 - utilization));
}

/** M/D/1 mean response time: the Pollaczek–Khinchine wait with E[S²] = D², plus D. */
export function md1MeanResponse(arrivalRate: number, serviceTime: number): number {
  return mg1MeanWait(arrivalRate, serviceTime, serviceTime * serviceTime) + serviceTime;
}

/**
 * M/M/1/K (room for K customers in all, 1 in service and K − 1 waiting; arrivals that find it full
 * balk): the probability that an arrival is turned away, and the mean number in the system. Stable for
 * any ρ; ρ = 1 is the uniform limit.
 */
export function mm1kSteadyState(arrivalRate: number, serviceRate: number, capacity: number): { blocking: number; meanInSystem: number } {
  requirePositive("arrivalRate", arrivalRate);
  requirePositive("serviceRate", serviceRate);
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number ≥ 1; got ${capacity}`);
  const rho = arrivalRate / serviceRate;
  // P(n customers) ∝ ρⁿ for n = 0…K.
  let total = 0;
  let weighted = 0;
  let term = 1;
  for (let n = 0; n <= capacity; n++) {
    total += term;
    weighted += n * term;
    if (n < capacity) term *= rho;
  }
  return { blocking: term / total, meanInSystem: weighted / total };
}

/** One class of customers for the priority formulas, in priority order (the first is served first). */
export interface PriorityClass {
  arrivalRate: number;
  meanService: number;
  serviceSecondMoment: number;
}

function checkClasses(classes: readonly PriorityClass[]): number {
  if (classes.length === 0) throw new RangeError("at least one class is needed");
  let load = 0;
  for (const { arrivalRate, meanService, serviceSecondMoment } of classes) {
    requirePositive("arrivalRate", arrivalRate);
    requirePositive("meanService", meanService);
    requirePositive("serviceSecondMoment", serviceSecondMoment);
    load += arrivalRate * meanService;
  }
  requireStable(load, "the priority queue");
  return load;
}

/**
 * Non-preemptive priorities on one server (M/G/1, Cobham's formula): the mean wait in line of each
 * class, W_k = W₀ / ((1 − σ_{k−1})(1 − σ_k)), with W₀ = Σ λᵢ·E[Sᵢ²]/2 (the mean residual work an
 * arrival finds in service) and σ_k the load of classes 1…k.
 */
export function nonPreemptivePriorityWaits(classes: readonly PriorityClass[]): number[] {
  checkClasses(classes);
  const residual = classes.reduce((total, item) => total + (item.arrivalRate * item.serviceSecondMoment) / 2, 0);
  let loadAbove = 0;
  return classes.map((item) => {
    const loadThrough = loadAbove + item.arrivalRate * item.meanService;
    const wait = residual / ((1 - loadAbove) * (1 - loadThrough));
    loadAbove = loadThrough;
    return wait;
  });
}

/**
 * Preemptive-resume priorities on one server (M/G/1): the mean response time of each class,
 * T_k = E[S_k] / (1 − σ_{k−1}) + (Σ_{i≤k} λᵢ·E[Sᵢ²]/2) / ((1 − σ_{k−1})(1 − σ_k)). A class never
 * waits for lower ones, so class 1 sees an M/G/1 queue of its own.
 */
export function preemptiveResumePriorityResponses(classes: readonly PriorityClass[]): number[] {
  checkClasses(classes);
  let loadAbove = 0;
  let residualThrough = 0;
  return classes.map((item) => {
    const loadThrough = loadAbove + item.arrivalRate * item.meanService;
    residualThrough += (item.arrivalRate * item.serviceSecondMoment) / 2;
    const response = item.meanService / (1 - loadAbove) + residualThrough / ((1 - loadAbove) * (1 - loadThrough));
    loadAbove = loadThrough;
    return response;
  });
}
