/**
 * Two hosts on this machine for tests (root only): two network namespaces joined by a veth pair, with
 * addresses from the benchmarking range 198.18.0.0/15 (RFC 2544; nothing outside the pair can be
 * reached from either end), and Debian's OpenSSH server in the "server" namespace, run by pid with its
 * own configuration, a host key made for the test, and one Unix user made for the test who logs in
 * with a key made for the test. Commands run in the "client" namespace through `clientCommand`; ssh
 * there uses `sshConfig`. `stop()` stops sshd, deletes the namespaces (and so the veth pair), the user
 * and the temporary folder.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Daemon, startDaemon } from "./daemon.js";
import { makeTestUser, type TestUser } from "./unix-users.js";
import { waitFor } from "./wait.js";

export const twoHostTools = ["ip", "ssh", "ssh-keygen", "useradd", "userdel", "pgrep"];
export const sshdPath = "/usr/sbin/sshd";

export interface TwoHosts {
  directory: string;
  clientAddress: string;
  serverAddress: string;
  user: TestUser;
  /** The SSH destination of the server host: user@address. */
  destination: string;
  sshConfig: string;
  /** The server host's workload cache (sshd sets FLASHLAB_WORKLOAD_CACHE there for the user's sessions). */
  remoteWorkloads: string;
  sshd: Daemon;
  /** `ip netns exec <client namespace> command …`, as [command, args]. */
  clientCommand(command: string, args: readonly string[]): [string, string[]];
  stop(): Promise<void>;
}

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function startTwoHosts(): Promise<TwoHosts> {
  const tag = randomBytes(3).toString("hex");
  const namespaces = { client: `flashlab-cli-${tag}`, server: `flashlab-srv-${tag}` };
  const links = { client: `flc${tag}`, server: `fls${tag}` };
  const clientAddress = "198.18.0.1";
  const serverAddress = "198.18.0.2";
  const directory = mkdtempSync(join(tmpdir(), "flashlab-two-hosts-"));
  chmodSync(directory, 0o755);
  let user: TestUser | undefined;
  let sshd: Daemon | undefined;
  const made: { netns: string[]; runSshd: boolean } = { netns: [], runSshd: false };
  const stop = async (): Promise<void> => {
    await sshd?.stop();
    for (const namespace of made.netns) {
      try {
        run("ip", ["netns", "delete", namespace]);
      } catch {
        // already gone
      }
    }
    user?.remove();
    if (made.runSshd) rmSync("/run/sshd", { recursive: true, force: true });
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    for (const namespace of [namespaces.client, namespaces.server]) {
      run("ip", ["netns", "add", namespace]);
      made.netns.push(namespace);
      run("ip", ["-n", namespace, "link", "set", "lo", "up"]);
    }
    run("ip", ["link", "add", links.client, "netns", namespaces.client, "type", "veth", "peer", "name", links.server, "netns", namespaces.server]);
    run("ip", ["-n", namespaces.client, "addr", "add", `${clientAddress}/30`, "dev", links.client]);
    run("ip", ["-n", namespaces.server, "addr", "add", `${serverAddress}/30`, "dev", links.server]);
    run("ip", ["-n", namespaces.client, "link", "set", links.client, "up"]);
    run("ip", ["-n", namespaces.server, "link", "set", links.server, "up"]);

    user = makeTestUser("flabssh", join(directory, "home"));
    const remoteWorkloads = join(user.home, "workloads");
    mkdirSync(remoteWorkloads);
    chownSync(remoteWorkloads, user.uid, user.gid);
    run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "flashlab test host", "-f", join(directory, "host_key")]);
    run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "flashlab test client", "-f", join(directory, "client_key")]);
    const authorizedKeys = join(directory, "authorized_keys");
    writeFileSync(authorizedKeys, readFileSync(join(directory, "client_key.pub")), { mode: 0o644 });
    const sshdConfig = join(directory, "sshd_config");
    writeFileSync(
      sshdConfig,
      [
        `ListenAddress ${serverAddress}:22`,
        `HostKey ${join(directory, "host_key")}`,
        `PidFile ${join(directory, "sshd.pid")}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        `AllowUsers ${user.name}`,
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin no",
        "UsePAM no",
        "StrictModes no",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        `SetEnv FLASHLAB_WORKLOAD_CACHE=${remoteWorkloads}`,
        "",
      ].join("\n"),
    );
    if (!existsSync("/run/sshd")) {
      mkdirSync("/run/sshd", { mode: 0o755 });
      made.runSshd = true;
    }
    sshd = startDaemon("sshd", "ip", ["netns", "exec", namespaces.server, sshdPath, "-D", "-e", "-f", sshdConfig], join(directory, "sshd.log"));
    const hostKey = readFileSync(join(directory, "host_key.pub"), "utf8").trim().split(" ").slice(0, 2).join(" ");
    writeFileSync(join(directory, "known_hosts"), `${serverAddress} ${hostKey}\n`);
    const sshConfig = join(directory, "ssh_config");
    writeFileSync(
      sshConfig,
      ["Host *", `  IdentityFile ${join(directory, "client_key")}`, "  IdentitiesOnly yes", `  UserKnownHostsFile ${join(directory, "known_hosts")}`, "  StrictHostKeyChecking yes", "  BatchMode yes", ""].join("\n"),
    );
    const destination = `${user.name}@${serverAddress}`;
    const clientCommand = (command: string, args: readonly string[]): [string, string[]] => ["ip", ["netns", "exec", namespaces.client, command, ...args]];
    let lastError = "";
    await waitFor(
      "sshd in the server namespace to accept the test key",
      () => {
        try {
          const [command, args] = clientCommand("ssh", ["-F", sshConfig, destination, "true"]);
          run(command, args);
          return true;
        } catch (error) {
          lastError = String((error as { stderr?: unknown }).stderr ?? error);
          return sshd!.exited ? Promise.reject(new Error(`sshd exited: ${sshd!.tail()}`)) : false;
        }
      },
      30_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; ssh said: ${lastError.trim()}; sshd's log:\n${sshd!.tail()}`);
    });
    return { directory, clientAddress, serverAddress, user, destination, sshConfig, remoteWorkloads, sshd, clientCommand, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
