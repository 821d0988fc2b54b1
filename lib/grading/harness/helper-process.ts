/**
 * A helper process of the assignment harness (dispatch-server.ts): it opens the simulated disk whose
 * handle is in argv[2], then, for each read job from the loop, reads the chunk with a blocking call (so
 * this process, not the loop, waits for a miss and the data lands in the shared buffer cache) and
 * answers with a completion notice. It ends when the loop disconnects.
 */
import { decodeDiskHandle, openDisk } from "../../storage/index.js";
import { isHelperJob, type HelperReply } from "./helper-messages.js";

const disk = openDisk(decodeDiskHandle(process.argv[2] ?? ""));
const reply = (message: HelperReply) => process.send?.(message);

process.on("message", (message: unknown) => {
  if (!isHelperJob(message)) return;
  try {
    disk.readSync(message.path, message.offset, message.length);
    reply({ type: "done", id: message.id });
  } catch (error) {
    reply({ type: "done", id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.once("disconnect", () => disk.close());
reply({ type: "ready" });
