/**
 * Where a spec comes from on the command line: the name of a built-in spec, or a file. A file is JSON
 * (`.json`), or a module whose default export (or export `spec`) is the spec: `.js`/`.mjs`, or `.ts`/
 * `.mts` on a Node that strips types (22.18 and later; use `import type` only). Whatever the source,
 * the spec is then checked field by field.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { builtinSpec, builtinSpecs } from "../specs/index.js";
import { checkSpec, SpecError } from "./spec-check.js";
import type { ExperimentSpec } from "./spec.js";

const moduleExtensions = [".js", ".mjs", ".ts", ".mts"];

function notFound(source: string): SpecError {
  return new SpecError(source, [
    `not a built-in spec (${builtinSpecs.map((spec) => spec.name).join(", ")}) nor a spec file (.json, ${moduleExtensions.join(", ")})`,
  ]);
}

async function readSpecFile(path: string): Promise<unknown> {
  const extension = extname(path).toLowerCase();
  if (extension === ".json") {
    const text = await readFile(path, "utf8");
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new SpecError(path, [`not JSON: ${(error as Error).message}`]);
    }
  }
  if (moduleExtensions.includes(extension)) {
    let module: { default?: unknown; spec?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown; spec?: unknown };
    } catch (error) {
      throw new SpecError(path, [`cannot load the module: ${(error as Error).message.split("\n")[0]}`]);
    }
    const spec = module.default ?? module.spec;
    if (spec === undefined) throw new SpecError(path, ["the module exports no spec: export it as default (or as `spec`)"]);
    return spec;
  }
  throw new SpecError(path, [`a spec file must end in .json or ${moduleExtensions.join(", ")}`]);
}

/** The checked spec named by `source`: a built-in name or a file path. Throws SpecError. */
export async function loadSpec(source: string): Promise<ExperimentSpec> {
  const builtin = builtinSpec(source);
  if (builtin !== undefined) return checkSpec(builtin, `built-in spec ${source}`);
  const path = resolve(source);
  const isFile = await stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!isFile) throw notFound(source);
  return checkSpec(await readSpecFile(path), source);
}
