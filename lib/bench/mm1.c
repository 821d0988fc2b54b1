/*
 * M/M/1 in C, for `npm run bench sim`: the same model, random numbers and event list as flashlab's
 * lib/sim/mm1.ts, so that the bench compares the two engines and nothing else.
 *
 * - Random numbers: mulberry32 (lib/runtime/random.ts), exponentials by the ziggurat method with the
 *   tables built as in lib/runtime/ziggurat.ts. Same seed, same draws.
 * - Event list: a binary min-heap of (time, sequence, slot) in three arrays, plus a slot table
 *   (what the event does, its state and generation, a free list), as lib/sim/event-heap.ts and
 *   event-queue.ts. An event's action is an enum here and a function there.
 * - Statistics: time-weighted number in system and busy server, Welford's tally of response times.
 *
 * The bench compiles it with `gcc -O2` into a temporary folder. Usage: mm1 CUSTOMERS RHO SEED
 * Prints one JSON object with the same fields as `flashlab sim mm1 --json`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- mulberry32 ---- */
static uint32_t rng_state;
static uint32_t next_uint32(void) {
  rng_state += 0x6D2B79F5u;
  uint32_t t = rng_state;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return t ^ (t >> 14);
}
static double next_uniform(void) { return next_uint32() / 4294967296.0; }

/* ---- ziggurat exponential (Marsaglia and Tsang 2000) ---- */
static const double tail_start = 7.69711747013104972;
static const double strip_area = 3.949659822581572e-3;
static uint32_t accept_below[256];
static double scale[256], density_at[256];
static void ziggurat_init(void) {
  const double two_to_32 = 4294967296.0;
  double edge = tail_start, previous_edge = edge;
  double base_width = strip_area / exp(-edge);
  accept_below[0] = (uint32_t)floor((edge / base_width) * two_to_32);
  accept_below[1] = 0;
  scale[0] = base_width / two_to_32;
  scale[255] = edge / two_to_32;
  density_at[0] = 1.0;
  density_at[255] = exp(-edge);
  for (int strip = 254; strip >= 1; strip--) {
    edge = -log(strip_area / edge + exp(-edge));
    accept_below[strip + 1] = (uint32_t)floor((edge / previous_edge) * two_to_32);
    previous_edge = edge;
    density_at[strip] = exp(-edge);
    scale[strip] = edge / two_to_32;
  }
}
static double edge_or_tail(uint32_t bits, int strip) {
  for (;;) {
    if (strip == 0) return tail_start - log(1.0 - next_uniform());
    double x = bits * scale[strip];
    if (density_at[strip] + next_uniform() * (density_at[strip - 1] - density_at[strip]) < exp(-x)) return x;
    bits = next_uint32();
    strip = bits & 255;
    if (bits < accept_below[strip]) return bits * scale[strip];
  }
}
static inline double exponential(double mean) {
  uint32_t bits = next_uint32();
  int strip = bits & 255;
  return mean * (bits < accept_below[strip] ? bits * scale[strip] : edge_or_tail(bits, strip));
}

/* ---- event list: heap of (time, sequence, slot) + slot table ---- */
enum action { ARRIVE, DEPART };
enum slot_state { FREE, PENDING, CANCELLED };
static double *heap_time, *heap_sequence;
static int32_t *heap_slot;
static int heap_size, heap_capacity;
static uint8_t *slot_state;
static uint32_t *slot_generation;
static int32_t *slot_action, *free_slots;
static int free_count, slots_in_use, slot_capacity;
static double next_sequence, clock_ms;
static long live_events, events_run;

static void *grow(void *array, size_t element, int capacity) {
  void *bigger = realloc(array, element * (size_t)capacity);
  if (!bigger) { fprintf(stderr, "mm1: out of memory\n"); exit(1); }
  return bigger;
}
static int new_slot(void) {
  if (slots_in_use == slot_capacity) {
    slot_capacity = slot_capacity ? slot_capacity * 2 : 64;
    slot_state = grow(slot_state, 1, slot_capacity);
    slot_generation = grow(slot_generation, 4, slot_capacity);
    slot_action = grow(slot_action, 4, slot_capacity);
    free_slots = grow(free_slots, 4, slot_capacity);
    memset(slot_generation + slots_in_use, 0, 4 * (size_t)(slot_capacity - slots_in_use));
  }
  return slots_in_use++;
}
static inline int comes_after(double time, double sequence, double other_time, double other_sequence) {
  return time > other_time || (time == other_time && sequence > other_sequence);
}
static double schedule(double delay, enum action action) {
  int slot = free_count > 0 ? free_slots[--free_count] : new_slot();
  uint32_t generation = (slot_generation[slot] + 1) % (1u << 29);
  slot_generation[slot] = generation;
  slot_state[slot] = PENDING;
  slot_action[slot] = action;
  double time = clock_ms + delay, sequence = next_sequence++;
  if (heap_size == heap_capacity) {
    heap_capacity = heap_capacity ? heap_capacity * 2 : 64;
    heap_time = grow(heap_time, 8, heap_capacity);
    heap_sequence = grow(heap_sequence, 8, heap_capacity);
    heap_slot = grow(heap_slot, 4, heap_capacity);
  }
  int index = heap_size++;
  while (index > 0) {
    int parent = (index - 1) >> 1;
    if (comes_after(time, sequence, heap_time[parent], heap_sequence[parent])) break;
    heap_time[index] = heap_time[parent];
    heap_sequence[index] = heap_sequence[parent];
    heap_slot[index] = heap_slot[parent];
    index = parent;
  }
  heap_time[index] = time;
  heap_sequence[index] = sequence;
  heap_slot[index] = slot;
  live_events++;
  return generation * 16777216.0 + slot;
}
static void remove_top(void) {
  int length = --heap_size;
  if (length == 0) return;
  double time = heap_time[length], sequence = heap_sequence[length];
  int32_t slot = heap_slot[length];
  int index = 0;
  for (;;) {
    int left = 2 * index + 1;
    if (left >= length) break;
    int child = left, right = left + 1;
    if (right < length && !comes_after(heap_time[right], heap_sequence[right], heap_time[left], heap_sequence[left])) child = right;
    if (comes_after(heap_time[child], heap_sequence[child], time, sequence)) break;
    heap_time[index] = heap_time[child];
    heap_sequence[index] = heap_sequence[child];
    heap_slot[index] = heap_slot[child];
    index = child;
  }
  heap_time[index] = time;
  heap_sequence[index] = sequence;
  heap_slot[index] = slot;
}
/* The next live event's slot, its time in *time; -1 when none is left. */
static int pop(double *time) {
  while (heap_size > 0) {
    int slot = heap_slot[0];
    *time = heap_time[0];
    remove_top();
    int state = slot_state[slot];
    slot_state[slot] = FREE;
    free_slots[free_count++] = slot;
    if (state == PENDING) { live_events--; return slot; }
  }
  return -1;
}

/* ---- statistics ---- */
typedef struct { double value, last_change, start, area, highest; } time_weighted;
static void tw_set(time_weighted *stat, double value) {
  stat->area += stat->value * (clock_ms - stat->last_change);
  stat->last_change = clock_ms;
  stat->value = value;
  if (value > stat->highest) stat->highest = value;
}
static double tw_mean(const time_weighted *stat) {
  return (stat->area + stat->value * (clock_ms - stat->last_change)) / (clock_ms - stat->start);
}
typedef struct { long n; double mean, squared_deviations, lowest, highest; } tally;
static void tally_add(tally *t, double value) {
  long n = ++t->n;
  double delta = value - t->mean;
  t->mean += delta / n;
  t->squared_deviations += delta * (value - t->mean);
  if (value < t->lowest) t->lowest = value;
  if (value > t->highest) t->highest = value;
}

/* ---- the single-server queue ---- */
static double *arrival_times; /* ring of arrival times of the customers in the system */
static long ring_head, ring_count, ring_capacity = 64;
static void ring_push(double value) {
  if (ring_count == ring_capacity) {
    double *bigger = malloc(sizeof(double) * (size_t)ring_capacity * 2);
    if (!bigger) { fprintf(stderr, "mm1: out of memory\n"); exit(1); }
    for (long i = 0; i < ring_count; i++) bigger[i] = arrival_times[(ring_head + i) & (ring_capacity - 1)];
    free(arrival_times);
    arrival_times = bigger;
    ring_capacity *= 2;
    ring_head = 0;
  }
  arrival_times[(ring_head + ring_count) & (ring_capacity - 1)] = value;
  ring_count++;
}
static double ring_shift(void) {
  double value = arrival_times[ring_head];
  ring_head = (ring_head + 1) & (ring_capacity - 1);
  ring_count--;
  return value;
}

static long customers, arrivals, departures;
static double mean_interarrival_ms, mean_service_ms = 1.0;
static time_weighted in_system, busy;
static tally responses = { 0, 0, 0, INFINITY, -INFINITY };

static void arrive(void) {
  arrivals++;
  if (arrivals < customers) schedule(exponential(mean_interarrival_ms), ARRIVE);
  ring_push(clock_ms);
  tw_set(&in_system, (double)ring_count);
  if (ring_count == 1) {
    tw_set(&busy, 1);
    schedule(exponential(mean_service_ms), DEPART);
  }
}
static void depart(void) {
  double response = clock_ms - ring_shift();
  tw_set(&in_system, (double)ring_count);
  if (ring_count > 0) schedule(exponential(mean_service_ms), DEPART);
  else tw_set(&busy, 0);
  departures++;
  tally_add(&responses, response);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: mm1 CUSTOMERS RHO SEED\n"); return 2; }
  customers = atol(argv[1]);
  double rho = atof(argv[2]);
  long seed = atol(argv[3]);
  if (customers < 1 || !(rho > 0 && rho < 1)) { fprintf(stderr, "mm1: CUSTOMERS must be ≥ 1 and 0 < RHO < 1\n"); return 2; }
  rng_state = (uint32_t)seed;
  mean_interarrival_ms = mean_service_ms / rho;
  arrival_times = malloc(sizeof(double) * (size_t)ring_capacity);
  ziggurat_init();

  struct timespec started, finished, cpu_started, cpu_finished;
  clock_gettime(CLOCK_MONOTONIC, &started);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_started);
  schedule(exponential(mean_interarrival_ms), ARRIVE);
  double time;
  int slot;
  while ((slot = pop(&time)) >= 0) {
    clock_ms = time;
    events_run++;
    if (slot_action[slot] == ARRIVE) arrive();
    else depart();
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_finished);
  clock_gettime(CLOCK_MONOTONIC, &finished);
  double wall_ms = (finished.tv_sec - started.tv_sec) * 1e3 + (finished.tv_nsec - started.tv_nsec) / 1e6;
  double cpu_ms = (cpu_finished.tv_sec - cpu_started.tv_sec) * 1e3 + (cpu_finished.tv_nsec - cpu_started.tv_nsec) / 1e6;
  printf("{\"customers\":%ld,\"events\":%ld,\"wallMs\":%.3f,\"cpuMs\":%.3f,\"eventsPerSec\":%.0f,\"customersPerSec\":%.0f,"
         "\"meanResponse\":%.17g,\"meanInSystem\":%.17g,\"utilization\":%.17g}\n",
         departures, events_run, wall_ms, cpu_ms, events_run / (wall_ms / 1e3), departures / (wall_ms / 1e3),
         responses.mean / mean_service_ms, tw_mean(&in_system), tw_mean(&busy));
  return 0;
}
