/**
 * The architectures by name: the one place that lists them.
 */
import { amtedArchitecture } from "./amted.js";
import { ampedArchitecture } from "./amped.js";
import { apacheArchitecture } from "./apache.js";
import type { Architecture } from "./architecture.js";
import { mpArchitecture } from "./mp.js";
import { mtArchitecture } from "./mt.js";
import { spedArchitecture } from "./sped.js";
import type { ArchitectureName } from "./types.js";
import { zeusArchitecture } from "./zeus.js";

export const architectures: Record<ArchitectureName, Architecture> = {
  mp: mpArchitecture,
  mt: mtArchitecture,
  sped: spedArchitecture,
  amped: ampedArchitecture,
  amted: amtedArchitecture,
  zeus: zeusArchitecture,
  apache: apacheArchitecture,
};
