# flashlab's notebooks for a class, on Debian's jupyterhub package (JupyterHub 3).
#
# Each student logs in as a Unix user of this machine (PAM, JupyterHub's default), and gets a
# notebook server of their own, running as that user (LocalProcessSpawner; the hub runs as root).
# Before each start, the lecture notebooks missing from ~/flashlab/notebooks are copied there (a
# student's own edits are never overwritten), and ~/flashlab/node_modules points at the project's,
# so that `import ... from "flashlab"` resolves. The notebooks run on the tslab kernel that
# install-kernel.sh registers system-wide, pinned to the project's Node; the proxy is the npm
# package configurable-http-proxy, on the same Node.
#
# Start it as root:   jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
# Settings from the environment:
#   FLASHLAB_HUB_URL    where the hub listens (default http://127.0.0.1:8000; put a TLS proxy in front
#                       of it, or give https with c.JupyterHub.ssl_cert/ssl_key, before opening it)
#   FLASHLAB_HUB_STATE  the hub's database, cookie secret and proxy pid (default /var/lib/flashlab-jupyterhub)
#   FLASHLAB_PROFILE    the notebooks' profile for every student (default quick)
import os
import pwd
import shutil
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)

project = Path(os.environ.get("FLASHLAB_ROOT", Path(__file__).resolve().parents[2]))
node = project / "node_modules" / ".bin" / "node"
proxy = project / "node_modules" / "configurable-http-proxy" / "bin" / "configurable-http-proxy"
for needed, how in ((node, "npm run setup"), (proxy, "npm run setup"), (project / "dist" / "index.js", "npm run build")):
    if not needed.exists():
        raise SystemExit(f"flashlab hub: {needed} is missing; run `{how}` in {project} first")

state = Path(os.environ.get("FLASHLAB_HUB_STATE", "/var/lib/flashlab-jupyterhub"))
state.mkdir(mode=0o700, parents=True, exist_ok=True)

c.JupyterHub.bind_url = os.environ.get("FLASHLAB_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(node), str(proxy)]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [shutil.which("jupyterhub-singleuser") or "/usr/bin/jupyterhub-singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/tree/flashlab/notebooks"
c.Spawner.environment = {"FLASHLAB_PROFILE": os.environ.get("FLASHLAB_PROFILE", "quick")}
# A server (and its first kernel) can take a while on a busy machine.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def copy_notebooks(spawner):
    """Gives the user ~/flashlab/notebooks (the lecture notebooks they lack) and ~/flashlab/node_modules."""
    account = pwd.getpwnam(spawner.user.name)
    home = Path(account.pw_dir)
    workspace = home / "flashlab"
    notebooks = workspace / "notebooks"
    made = []
    for folder in (workspace, notebooks):
        if not folder.exists():
            folder.mkdir(mode=0o755)
            made.append(folder)
    for source in sorted((project / "notebooks").glob("*.ipynb")):
        target = notebooks / source.name
        if not target.exists():
            shutil.copyfile(source, target)
            made.append(target)
    modules = workspace / "node_modules"
    if not modules.is_symlink() and not modules.exists():
        modules.symlink_to(project / "node_modules")
        made.append(modules)
    for path in made:
        os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
    spawner.log.info("flashlab: %s has %s (%d new)", spawner.user.name, notebooks, len(made))


c.Spawner.pre_spawn_hook = copy_notebooks
