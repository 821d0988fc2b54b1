/**
 * A workload folder (the same one a server-load point serves) as the models' workload: each requested
 * file's size from the docroot, and the request stream in order, so that a simulated point requests
 * exactly what the real one does.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { ServerWorkload } from "../../sim/server-model/server-workload.js";
import { loadWorkload } from "../../workloads/loader.js";

export async function serverWorkloadFromFolder(folder: string): Promise<ServerWorkload> {
  const loaded = await loadWorkload(folder);
  const indexOfPath = new Map<string, number>();
  const paths: string[] = [];
  const requestFiles = loaded.requests.map((request) => {
    let index = indexOfPath.get(request.path);
    if (index === undefined) {
      index = paths.length;
      paths.push(request.path);
      indexOfPath.set(request.path, index);
    }
    return index;
  });
  const fileBytes = await Promise.all(paths.map(async (path) => (await stat(join(loaded.docroot, path))).size));
  const stats = loaded.manifest.stats;
  return { description: `${loaded.manifest.kind}: ${stats.fileCount} files, ${(stats.totalBytes / 2 ** 20).toFixed(1)} MB, ${requestFiles.length} requests`, fileBytes, requestFiles };
}
