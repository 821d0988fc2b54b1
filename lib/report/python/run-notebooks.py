#!/usr/bin/env python3
"""Executes flashlab notebooks headlessly through the real tslab kernel.

Each notebook runs in a fresh kernel, cell by cell, from its own folder, with a per-cell timeout.
The stored notebook is never written. With --output-dir, the executed copy (outputs included) is
written there, also when a cell fails, so that a report can show how far it got.

When a cell fails (a thrown error, a TypeScript type error, a timeout or a dead kernel), the runner
prints the notebook, the cell's index, its source and what the cell wrote to stderr plus any error
output, stops that notebook, goes on with the next one, and finally exits 1.

It is part of flashlab's report library (lib/report/run-notebooks.ts runs it with the Python that owns
Jupyter, with the project's kernels on JUPYTER_PATH); use it through `npx flashlab notebooks`.
FLASHLAB_PROFILE (quick|full) is passed to the notebooks; --profile overrides it, quick by default.
"""
import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

PROFILES = ("quick", "full")
DEFAULT_TIMEOUT_SECONDS = {"quick": 300, "full": 3600}


def parse_arguments():
    parser = argparse.ArgumentParser(
        description="Execute notebooks through the tslab kernel; print the failing cell and exit 1 on failure.")
    parser.add_argument("notebooks", nargs="+", help="notebook files or folders holding them")
    parser.add_argument("--output-dir", type=Path,
                        help="write each executed notebook (with outputs) here, under the same file name")
    parser.add_argument("--timeout", type=int,
                        help="seconds one cell may run (default: 300 with the quick profile, 3600 with full)")
    parser.add_argument("--profile", choices=PROFILES,
                        help="value of FLASHLAB_PROFILE for the notebooks (default: $FLASHLAB_PROFILE, else quick)")
    parser.add_argument("--kernel", default="tslab", help="kernel name (default: tslab)")
    parser.add_argument("--summary", type=Path, help="write a JSON summary of the run to this file")
    arguments = parser.parse_args()
    profile = arguments.profile or os.environ.get("FLASHLAB_PROFILE") or "quick"
    if profile not in PROFILES:
        parser.error(f"FLASHLAB_PROFILE must be one of {', '.join(PROFILES)}; got {profile!r}")
    arguments.profile = profile
    if arguments.timeout is None:
        arguments.timeout = DEFAULT_TIMEOUT_SECONDS[profile]
    if arguments.timeout <= 0:
        parser.error(f"--timeout takes a number of seconds > 0; got {arguments.timeout}")
    return arguments


def find_notebooks(targets):
    """The notebook files named by `targets` (files or folders), in name order within each folder."""
    found = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.ipynb") if not p.name.startswith(".")))
        elif path.is_file() and path.suffix == ".ipynb":
            found.append(path)
        else:
            raise SystemExit(f"run-notebooks: {target} is neither a .ipynb file nor a folder of notebooks")
    return found


def prepare_environment(profile):
    """Puts the profile in the environment the kernel inherits (the caller sets JUPYTER_PATH)."""
    os.environ["FLASHLAB_PROFILE"] = profile


def check_kernel(kernel_name):
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().find_kernel_specs()
    if kernel_name not in specs:
        known = ", ".join(sorted(specs)) or "none"
        raise SystemExit(f"run-notebooks: no Jupyter kernel named {kernel_name!r} (found: {known}); "
                         "run `npm run setup` to register the tslab kernel")


def cell_failure_text(cell):
    """What a failed cell said: its stderr stream and its error outputs (tslab reports errors on stderr)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            traceback = "\n".join(output.get("traceback", []))
            parts.append(traceback or f"{output.get('ename', '')}: {output.get('evalue', '')}")
    return "".join(part if part.endswith("\n") else part + "\n" for part in parts if part)


def report_failure(notebook_path, index, cell, reason):
    source = cell.get("source", "")
    said = cell_failure_text(cell) or "(the cell wrote nothing to stderr)\n"
    rule = "-" * 72
    sys.stderr.write(
        f"\nFAILED {notebook_path}: cell {index} ({reason})\n"
        f"{rule}\ncell {index} source:\n{source}\n{rule}\ncell {index} stderr and errors:\n{said}{rule}\n")
    sys.stderr.flush()


def notebook_failure(notebook_path, reason):
    """A failure that belongs to no cell: an unreadable notebook, or a kernel that would not start."""
    sys.stderr.write(f"\nFAILED {notebook_path}: {reason}\n")
    sys.stderr.flush()
    return {"cell": None, "reason": reason, "source": "", "output": reason}


def execute_notebook(path, kernel_name, timeout):
    """Runs every code cell in a fresh kernel; returns (executed notebook or None, failure dict or None)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception as error:  # not JSON, or not a notebook
        return None, notebook_failure(path, f"cannot read the notebook: {error}")
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.resolve().parent)}})
    failure = None
    try:
        with client.setup_kernel():
            info = client.wait_for_reply(client.kc.kernel_info())
            if info and "language_info" in info.get("content", {}):
                notebook.metadata["language_info"] = info["content"]["language_info"]
            failure = execute_cells(client, notebook, path, timeout)
    except (RuntimeError, OSError, DeadKernelError) as error:  # the kernel did not start, or died between cells
        failure = failure or notebook_failure(path, f"the {kernel_name} kernel failed: {error}")
    return notebook, failure


def execute_cells(client, notebook, path, timeout):
    """Executes the code cells in order and stops at the first failure, which it reports and returns."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    executed_cells = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        executed_cells += 1
        failure = None
        try:
            client.execute_cell(cell, index, execution_count=executed_cells)
        except CellTimeoutError:
            failure = {"cell": index, "reason": f"timed out after {timeout} s"}
        except DeadKernelError:
            failure = {"cell": index, "reason": "the kernel died"}
        except CellExecutionError:
            failure = {"cell": index, "reason": "the cell raised an error"}
        if failure:
            # A failed or busy kernel answers a polite shutdown slowly, if at all: stop it outright.
            client.shutdown_kernel = "immediate"
            report_failure(path, index, cell, failure["reason"])
            failure["source"] = cell.get("source", "")
            failure["output"] = cell_failure_text(cell)
            return failure
    return None


def refuse_overwriting(notebooks, output_dir):
    """Stops before running anything when an executed copy would replace a stored notebook."""
    for path in notebooks:
        if (output_dir / path.name).resolve() == path.resolve():
            raise SystemExit(f"run-notebooks: refusing to overwrite the stored notebook {path} with its executed "
                             "copy; pick another --output-dir")


def write_executed(notebook, source_path, output_dir):
    import nbformat
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / source_path.name
    nbformat.write(notebook, str(target))
    return target


def main():
    arguments = parse_arguments()
    # After a cell timeout nbclient abandons its output-polling task; asyncio's note about it is noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    notebooks = find_notebooks(arguments.notebooks)
    if not notebooks:
        raise SystemExit("run-notebooks: no notebooks found")
    if arguments.output_dir:
        refuse_overwriting(notebooks, arguments.output_dir)
    prepare_environment(arguments.profile)
    check_kernel(arguments.kernel)
    print(f"run-notebooks: {len(notebooks)} notebook(s), kernel {arguments.kernel}, "
          f"profile {arguments.profile}, cell timeout {arguments.timeout} s", flush=True)
    results = []
    for path in notebooks:
        started = time.monotonic()
        notebook, failure = execute_notebook(path, arguments.kernel, arguments.timeout)
        seconds = time.monotonic() - started
        executed = write_executed(notebook, path, arguments.output_dir) if arguments.output_dir and notebook else None
        status = "FAILED" if failure else "ok"
        print(f"{status:6} {path}  ({seconds:.1f} s)", flush=True)
        results.append({"notebook": str(path), "ok": failure is None, "seconds": round(seconds, 3),
                        "executed": str(executed) if executed else None, "failure": failure})
    if arguments.summary:
        arguments.summary.parent.mkdir(parents=True, exist_ok=True)
        arguments.summary.write_text(json.dumps({"profile": arguments.profile, "results": results}, indent=2))
    failed = [r["notebook"] for r in results if not r["ok"]]
    if failed:
        print(f"run-notebooks: {len(failed)} of {len(results)} notebook(s) failed: {', '.join(failed)}",
              file=sys.stderr)
        return 1
    print(f"run-notebooks: all {len(results)} notebook(s) ran", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
