"""M/M/1 in SimPy, for `npm run bench sim`: the same queue as flashlab's lib/sim/mm1.ts, written the
SimPy way (a source process, one process per customer, a Resource), with Python's own random
numbers. Usage: python3 mm1_simpy.py CUSTOMERS RHO SEED. Prints one JSON object."""
import json
import random
import sys
import time

import simpy


def main() -> None:
    customers, rho, seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    responses = {"count": 0, "total": 0.0}

    def customer():
        arrived = env.now
        with server.request() as request:
            yield request
            yield env.timeout(rng.expovariate(1.0))
        responses["count"] += 1
        responses["total"] += env.now - arrived

    def source():
        for _ in range(customers):
            yield env.timeout(rng.expovariate(rho))
            env.process(customer())

    env.process(source())
    started = time.perf_counter()
    cpu_started = time.process_time()
    env.run()
    cpu = time.process_time() - cpu_started
    wall = time.perf_counter() - started
    print(json.dumps({
        "customers": responses["count"],
        "wallMs": wall * 1000,
        "cpuMs": cpu * 1000,
        "customersPerSec": responses["count"] / wall,
        "meanResponse": responses["total"] / responses["count"],
        "simpyVersion": simpy.__version__,
    }))


if __name__ == "__main__":
    main()
