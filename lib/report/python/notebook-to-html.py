#!/usr/bin/env python3
"""Renders executed notebooks to standalone HTML pages that work with no network.

It uses nbconvert's "lab" template with the two blocks that load scripts from a CDN removed:
require.js (which flashlab's plots do not need) and MathJax. A page therefore never waits on a
network request, and its plots rely only on the plotly.js that the first plot of each notebook
inlines. The TeX of Markdown cells stays in the page; the report (lib/report/shared-mathjax.ts)
adds an offline MathJax to typeset it. With --index-link, each page starts with a link back to the
report's index.

It is part of flashlab's report library: lib/report/notebook-pages.ts runs it with the Python that
owns Jupyter, and `npx flashlab report` (`npm start`) is the way to use it.
"""
import argparse
import sys
from pathlib import Path

OFFLINE_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block body_header -%}
{{ super() }}
{%- if resources.flashlab_index_link -%}
<nav class="flashlab-nav" style="padding: 8px 16px; font-family: sans-serif;">
  <a href="{{ resources.flashlab_index_link }}">&larr; all notebooks</a>
</nav>
{%- endif -%}
{%- endblock body_header -%}
"""


def parse_arguments():
    parser = argparse.ArgumentParser(description="Render notebooks to offline HTML pages.")
    parser.add_argument("notebooks", nargs="+", type=Path, help="executed .ipynb files")
    parser.add_argument("--output-dir", type=Path, required=True, help="folder for the .html pages")
    parser.add_argument("--index-link", help="relative URL of the report index to link from each page")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab",
                            extra_loaders=[jinja2.DictLoader({"flashlab-offline.html.j2": OFFLINE_TEMPLATE})],
                            template_file="flashlab-offline.html.j2")
    arguments.output_dir.mkdir(parents=True, exist_ok=True)
    for path in arguments.notebooks:
        if not path.is_file():
            raise SystemExit(f"notebook-to-html: {path} is not a file")
        notebook = nbformat.read(str(path), as_version=4)
        resources = {"metadata": {"name": path.stem}, "flashlab_index_link": arguments.index_link}
        body, _ = exporter.from_notebook_node(notebook, resources=resources)
        target = arguments.output_dir / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        print(f"notebook-to-html: {target}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
