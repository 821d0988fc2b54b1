/**
 * The architecture models by name: the simulator's counterpart of lib/servers' registry. Nothing else in
 * the models switches on an architecture's name.
 */
import type { SimArchitecture, SimArchitectureName } from "../architecture-model.js";
import { apacheModel } from "./apache.js";
import { ampedModel, amtedModel } from "./asymmetric.js";
import { mpModel } from "./mp.js";
import { mtModel } from "./mt.js";
import { spedAsyncModel } from "./sped-async.js";
import { spedModel } from "./sped.js";
import { zeusModel } from "./zeus.js";

export const simArchitectures: Readonly<Record<SimArchitectureName, SimArchitecture>> = {
  mp: mpModel,
  mt: mtModel,
  sped: spedModel,
  amped: ampedModel,
  amted: amtedModel,
  zeus: zeusModel,
  apache: apacheModel,
  "sped-async": spedAsyncModel,
};
