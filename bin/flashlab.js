#!/usr/bin/env node
// The flashlab command: runs the compiled CLI (build it with `npm run build`).
import("../dist/cli.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    console.error("flashlab: the library is not built yet; run `npm run setup` (or `npm run build`) first.");
    process.exit(2);
  }
  throw error;
});
