/**
 * Unix users a test makes for itself (root only): a random name with a given prefix, a home folder in
 * a temporary folder (mode 700, so other users cannot read it), no password, and `remove()`, which ends the user's
 * remaining processes by pid, deletes the user and removes the home.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** Pids of the user's processes now. */
  processes(): number[];
  remove(): void;
}

/** Makes a user `<prefix><random>` with its home under `parent`. */
export function makeTestUser(prefix: string, parent: string): TestUser {
  const name = `${prefix}${randomBytes(3).toString("hex")}`;
  const home = join(parent, name);
  mkdirSync(parent, { recursive: true });
  execFileSync("useradd", ["--create-home", "--home-dir", home, "--shell", "/bin/sh", "--user-group", name], { stdio: "pipe" });
  execFileSync("chmod", ["700", home]);
  // No password to log in with, but not a locked account ("!"), which sshd refuses even with a key.
  execFileSync("usermod", ["--password", "*", name], { stdio: "pipe" });
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
  const processes = (): number[] => {
    try {
      return execFileSync("pgrep", ["-u", String(uid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
    } catch {
      return []; // pgrep exits 1 when there is none
    }
  };
  return {
    name,
    uid,
    gid,
    home,
    processes,
    remove() {
      for (const pid of processes()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      try {
        execFileSync("userdel", [name], { stdio: "pipe" });
      } catch {
        // a process that was still exiting: try once more
        execFileSync("sleep", ["1"]);
        execFileSync("userdel", [name], { stdio: "pipe" });
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
