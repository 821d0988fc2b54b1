/**
 * "It depends", measured: all-pairs shortest paths by repeated Dijkstra (binary heap) versus
 * Floyd–Warshall, on random graphs from sparse to dense (lecture §8).
 *
 * Repeated Dijkstra costs O(V·E·log V) and Floyd–Warshall O(V³) whatever the edges, so the better
 * algorithm flips with the graph's density: the workload decides, not the algorithm alone. Both run
 * on typed arrays so that the comparison is of algorithms, not of data-structure overheads.
 */

/** A weighted directed graph in compressed sparse row form. */
export interface CsrGraph {
  vertexCount: number;
  /** Edges of vertex v are at indices offsets[v] .. offsets[v+1]-1. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export interface RandomGraphOptions {
  vertexCount: number;
  /** Probability of each directed edge u→v (u ≠ v), in (0, 1]. */
  density: number;
  /** A uniform random source in [0, 1): pass a seeded one for reproducible graphs. */
  random: () => number;
  /** Edge weights are uniform in [1, maxWeight]. Default 100. */
  maxWeight?: number;
}

/** Builds a random directed graph (an Erdős–Rényi G(n, p) graph with random positive weights). */
export function randomGraph(options: RandomGraphOptions): CsrGraph {
  const { vertexCount, density, random } = options;
  const maxWeight = options.maxWeight ?? 100;
  if (!Number.isInteger(vertexCount) || vertexCount < 1) {
    throw new RangeError(`vertexCount must be a whole number ≥ 1; got ${vertexCount}`);
  }
  if (!(density > 0 && density <= 1)) throw new RangeError(`density must be in (0, 1]; got ${density}`);
  if (!(maxWeight >= 1)) throw new RangeError(`maxWeight must be ≥ 1; got ${maxWeight}`);
  const offsets = new Int32Array(vertexCount + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  for (let from = 0; from < vertexCount; from++) {
    for (let to = 0; to < vertexCount; to++) {
      if (to !== from && random() < density) {
        targets.push(to);
        weights.push(1 + random() * (maxWeight - 1));
      }
    }
    offsets[from + 1] = targets.length;
  }
  return { vertexCount, offsets, targets: Int32Array.from(targets), weights: Float64Array.from(weights) };
}

/** The number of edges of a graph. */
export function edgeCount(graph: CsrGraph): number {
  return graph.targets.length;
}

/**
 * Single-source shortest distances by Dijkstra's algorithm with a binary min-heap and lazy
 * deletion. Runs in O(E log E). Unreachable vertices get Infinity.
 */
export function dijkstra(graph: CsrGraph, source: number): Float64Array {
  const distances = new Float64Array(graph.vertexCount).fill(Infinity);
  const heapVertices = new Int32Array(graph.targets.length + 1);
  const heapKeys = new Float64Array(graph.targets.length + 1);
  let heapSize = 0;
  const push = (vertex: number, key: number): void => {
    let index = heapSize++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heapKeys[parent]! <= key) break;
      heapVertices[index] = heapVertices[parent]!;
      heapKeys[index] = heapKeys[parent]!;
      index = parent;
    }
    heapVertices[index] = vertex;
    heapKeys[index] = key;
  };
  const popInto = (): number => {
    const top = heapVertices[0]!;
    const lastVertex = heapVertices[--heapSize]!;
    const lastKey = heapKeys[heapSize]!;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && heapKeys[child + 1]! < heapKeys[child]!) child++;
      if (heapKeys[child]! >= lastKey) break;
      heapVertices[index] = heapVertices[child]!;
      heapKeys[index] = heapKeys[child]!;
      index = child;
    }
    heapVertices[index] = lastVertex;
    heapKeys[index] = lastKey;
    return top;
  };
  distances[source] = 0;
  push(source, 0);
  const settled = new Uint8Array(graph.vertexCount);
  while (heapSize > 0) {
    const vertex = popInto();
    if (settled[vertex]) continue;
    settled[vertex] = 1;
    const base = distances[vertex]!;
    for (let edge = graph.offsets[vertex]!; edge < graph.offsets[vertex + 1]!; edge++) {
      const target = graph.targets[edge]!;
      const candidate = base + graph.weights[edge]!;
      if (candidate < distances[target]!) {
        distances[target] = candidate;
        push(target, candidate);
      }
    }
  }
  return distances;
}

/** All-pairs distances by running Dijkstra from every vertex: a V×V row-major matrix. */
export function allPairsByDijkstra(graph: CsrGraph): Float64Array {
  const size = graph.vertexCount;
  const matrix = new Float64Array(size * size);
  for (let source = 0; source < size; source++) matrix.set(dijkstra(graph, source), source * size);
  return matrix;
}

/** All-pairs distances by Floyd–Warshall: O(V³) time, O(V²) memory, a V×V row-major matrix. */
export function allPairsByFloydWarshall(graph: CsrGraph): Float64Array {
  const size = graph.vertexCount;
  const matrix = new Float64Array(size * size).fill(Infinity);
  for (let vertex = 0; vertex < size; vertex++) {
    matrix[vertex * size + vertex] = 0;
    for (let edge = graph.offsets[vertex]!; edge < graph.offsets[vertex + 1]!; edge++) {
      const cell = vertex * size + graph.targets[edge]!;
      matrix[cell] = Math.min(matrix[cell]!, graph.weights[edge]!);
    }
  }
  for (let via = 0; via < size; via++) {
    const viaRow = via * size;
    for (let from = 0; from < size; from++) {
      const fromRow = from * size;
      // No shortcut for unreachable rows: the textbook algorithm does V³ steps whatever the graph.
      const toVia = matrix[fromRow + via]!;
      for (let to = 0; to < size; to++) {
        const candidate = toVia + matrix[viaRow + to]!;
        if (candidate < matrix[fromRow + to]!) matrix[fromRow + to] = candidate;
      }
    }
  }
  return matrix;
}
