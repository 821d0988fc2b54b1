/**
 * A class on JupyterHub, with deploy/jupyterhub as an instructor uses it: Debian's jupyterhub package
 * runs the deployment's configuration (loaded by a test configuration that only swaps PAM for a test
 * password and picks free loopback ports), as root, with the local process spawner; the tslab kernel is
 * registered by deploy/jupyterhub/install-kernel.sh (into a test prefix, passed to the servers on
 * JUPYTER_PATH, instead of /usr/local). Two Unix users made for the test log in through the hub's REST
 * API, start their servers, and each runs notebook 01 on the tslab kernel through their own server's
 * kernel API. Each gets the notebooks in their own home, their kernel runs as themselves on the
 * project's Node, their executed notebooks are separate, and neither kernel can read the other's files.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";
import { type Daemon, freeLoopbackPort, startDaemon } from "../support/daemon.js";
import { KernelClient, type NotebookOutput, outputText } from "../support/jupyter-kernel-client.js";
import { haveTools } from "../support/tools.js";
import { makeTestUser, type TestUser } from "../support/unix-users.js";
import { waitFor, waitUntil } from "../support/wait.js";

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn("skipping: the JupyterHub test makes Unix users and runs the hub as root");
const canRun = isRoot && haveTools("jupyterhub", "jupyterhub-singleuser", "useradd", "userdel", "pgrep");
const notebookName = "01-which-threading-model-is-better.ipynb";
const password = `class-${process.pid}`;

interface Notebook {
  cells: Array<{ cell_type: string; source: string | string[]; outputs?: NotebookOutput[]; execution_count?: number | null }>;
  [field: string]: unknown;
}

describe.skipIf(!canRun)("a class on JupyterHub (deploy/jupyterhub)", () => {
  const work = mkdtempSync(join(tmpdir(), "flashlab-hub-"));
  chmodSync(work, 0o755);
  let hub: Daemon;
  let hubUrl: string;
  const users: TestUser[] = [];

  beforeAll(async () => {
    users.push(makeTestUser("flabann", join(work, "home")), makeTestUser("flabbob", join(work, "home")));
    const kernels = join(work, "kernels");
    execFileSync("bash", [join(projectRoot, "deploy", "jupyterhub", "install-kernel.sh"), "--prefix", kernels], { stdio: "pipe" });
    const port = await freeLoopbackPort();
    hubUrl = `http://127.0.0.1:${port}`;
    const config = join(work, "test_config.py");
    writeFileSync(
      config,
      [
        "import os",
        "c = get_config()",
        `os.environ["FLASHLAB_HUB_STATE"] = ${JSON.stringify(join(work, "state"))}`,
        `load_subconfig(${JSON.stringify(join(projectRoot, "deploy", "jupyterhub", "jupyterhub_config.py"))})`,
        `c.JupyterHub.bind_url = ${JSON.stringify(hubUrl)}`,
        `c.JupyterHub.hub_port = ${await freeLoopbackPort()}`,
        `c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:${await freeLoopbackPort()}"`,
        'c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"',
        `c.DummyAuthenticator.password = ${JSON.stringify(password)}`,
        `c.Authenticator.allowed_users = {${users.map((user) => JSON.stringify(user.name)).join(", ")}}`,
        `c.Spawner.environment["JUPYTER_PATH"] = ${JSON.stringify(join(kernels, "share", "jupyter"))}`,
        "",
      ].join("\n"),
    );
    mkdirSync(join(work, "run"));
    hub = startDaemon("jupyterhub", "jupyterhub", ["-f", config], join(work, "jupyterhub.log"), { cwd: join(work, "run") });
    await waitFor(
      "the hub's REST API",
      async () => {
        if (hub.exited) throw new Error(`jupyterhub exited:\n${hub.tail(30)}`);
        return (await fetch(`${hubUrl}/hub/api`).catch(() => undefined))?.ok === true;
      },
      90_000,
      250,
    );
  }, 120_000);

  afterAll(async () => {
    await hub?.stop(20_000);
    for (const user of users) user.remove();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  /** Logs in through the REST API (a token for the user's name and password), starts the user's server, and waits until it is ready. */
  async function loginAndStart(user: TestUser): Promise<string> {
    const login = await fetch(`${hubUrl}/hub/api/users/${user.name}/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ auth: { username: user.name, password }, note: "flashlab test" }),
    });
    expect(login.status, await login.clone().text()).toBe(201);
    const { token } = (await login.json()) as { token: string };
    const refused = await fetch(`${hubUrl}/hub/api/users/${user.name}/tokens`, { method: "POST", body: JSON.stringify({ auth: { username: user.name, password: "wrong" } }) });
    expect(refused.status).toBe(403);
    const start = await fetch(`${hubUrl}/hub/api/users/${user.name}/server`, { method: "POST", headers: { Authorization: `token ${token}` } });
    expect([201, 202], await start.clone().text()).toContain(start.status);
    await waitUntil(
      async () => ((await (await fetch(`${hubUrl}/hub/api/users/${user.name}`, { headers: { Authorization: `token ${token}` } })).json()) as { servers?: Record<string, { ready: boolean }> }).servers?.[""]?.ready === true,
      (ready) => ready,
      150_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${hub.tail(30)}`);
    });
    return token;
  }

  /** Runs every code cell of the user's copy of notebook 01 on the tslab kernel of their server, then the probes; saves the executed notebook through their server. */
  async function runNotebook(user: TestUser, token: string, other: TestUser) {
    const base = `${hubUrl}/user/${user.name}/`;
    const path = `flashlab/notebooks/${notebookName}`;
    const stored = await fetch(new URL(`api/contents/${path}`, base), { headers: { Authorization: `token ${token}` } });
    expect(stored.status).toBe(200);
    const notebook = ((await stored.json()) as { content: Notebook }).content;
    const kernel = await KernelClient.start(base, token, "tslab", path);
    try {
      let count = 0;
      for (const cell of notebook.cells) {
        if (cell.cell_type !== "code") continue;
        const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        const result = await kernel.execute(source);
        expect(result.status, `${source.slice(0, 80)}: ${outputText(result.outputs)}`).toBe("ok");
        cell.outputs = result.outputs;
        cell.execution_count = ++count;
      }
      const probe = async (code: string) => outputText((await kernel.execute(code)).outputs).trim();
      const whoAmI = await probe('console.log(`${require("os").userInfo().username} ${process.env.HOME} ${process.execPath}`)');
      const othersFiles = await probe(`try { console.log(require("fs").readdirSync(${JSON.stringify(other.home)}).join(",")); } catch (error) { console.log(\`refused: \${(error as NodeJS.ErrnoException).code}\`); }`);
      const marker = `executed by ${user.name}`;
      notebook.cells.push({ cell_type: "code", source: `console.log(${JSON.stringify(marker)})`, outputs: (await kernel.execute(`console.log(${JSON.stringify(marker)})`)).outputs, execution_count: ++count, metadata: {} } as Notebook["cells"][number]);
      const saved = await fetch(new URL(`api/contents/flashlab/notebooks/01-executed.ipynb`, base), {
        method: "PUT",
        headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ type: "notebook", format: "json", content: notebook }),
      });
      expect([200, 201]).toContain(saved.status);
      return { notebook, whoAmI, othersFiles };
    } finally {
      await kernel.shutdown();
    }
  }

  it("gives each user the notebooks and a kernel of their own: notebook 01 runs for both, apart", async () => {
    const [ann, bob] = users as [TestUser, TestUser];
    const annToken = await loginAndStart(ann);
    const bobToken = await loginAndStart(bob);
    const annRun = await runNotebook(ann, annToken, bob);
    const bobRun = await runNotebook(bob, bobToken, ann);

    for (const [user, run] of [[ann, annRun], [bob, bobRun]] as const) {
      // The kernel runs as the user, in their home, on the project's Node.
      expect(run.whoAmI).toBe(`${user.name} ${user.home} ${realNode()}`);
      expect(run.othersFiles).toBe("refused: EACCES");
      // The notebook's results: the toy shop's 360 vs 320 ms total with 6 threads and 11 orders.
      const text = run.notebook.cells.map((cell) => outputText(cell.outputs ?? [])).join("\n");
      expect(text).toMatch(/360/);
      expect(text).toMatch(/320/);
      // Saved by the user's own server, in their home, as them.
      const executed = join(user.home, "flashlab", "notebooks", "01-executed.ipynb");
      expect(statSync(executed).uid).toBe(user.uid);
      expect(statSync(join(user.home, "flashlab", "notebooks", notebookName)).uid).toBe(user.uid);
      expect(statSync(user.home).mode & 0o077).toBe(0);
      const saved = readFileSync(executed, "utf8");
      expect(saved).toContain(`executed by ${user.name}`);
      expect(saved).not.toContain(`executed by ${(user === ann ? bob : ann).name}`);
    }
    // Each user's copy of the notebooks is their own, and the original is untouched.
    expect(existsSync(join(ann.home, "flashlab", "notebooks", "01-executed.ipynb")) && existsSync(join(bob.home, "flashlab", "notebooks", "01-executed.ipynb"))).toBe(true);
    expect(readFileSync(join(projectRoot, "notebooks", notebookName), "utf8")).toBe(readFileSync(join(ann.home, "flashlab", "notebooks", notebookName), "utf8"));
    console.log(
      `${ann.name}: ${annRun.whoAmI}; reading ${bob.name}'s home: ${annRun.othersFiles}; last output: ${outputText(annRun.notebook.cells.at(-1)!.outputs ?? []).trim()}\n` +
        `${bob.name}: ${bobRun.whoAmI}; reading ${ann.name}'s home: ${bobRun.othersFiles}; last output: ${outputText(bobRun.notebook.cells.at(-1)!.outputs ?? []).trim()}`,
    );

    for (const [user, token] of [[ann, annToken], [bob, bobToken]] as const) {
      const stop = await fetch(`${hubUrl}/hub/api/users/${user.name}/server`, { method: "DELETE", headers: { Authorization: `token ${token}` } });
      expect([202, 204]).toContain(stop.status);
      await waitFor(`${user.name}'s processes to end`, () => user.processes().length === 0, 60_000, 250);
    }
  }, 600_000);
});

/** The Node binary the project pins (what the kernel must run on). */
function realNode(): string {
  return execFileSync("readlink", ["-f", join(projectRoot, "node_modules", ".bin", "node")], { encoding: "utf8" }).trim();
}
