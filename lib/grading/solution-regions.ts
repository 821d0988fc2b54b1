/**
 * Solution regions: the instructor's answers inside an assignment notebook, and how the release
 * replaces them (nbgrader's BEGIN/END SOLUTION).
 *
 * In code cells a region is the lines from `// BEGIN SOLUTION` to `// END SOLUTION`; the student
 * version gets, at the same indentation,
 *
 *   // YOUR CODE HERE
 *   throw new Error("not implemented");
 *
 * so a region belongs inside a function body. In Markdown cells a region is `<!-- BEGIN SOLUTION -->` …
 * `<!-- END SOLUTION -->` and becomes "*Your answer here.*". Regions do not nest; a marker out of place
 * is an error that names the line, never a silent leak of the solution.
 */

export type RegionSyntax = "code" | "markdown";

const markers: Record<RegionSyntax, { begin: RegExp; end: RegExp; stub: (indent: string) => string[] }> = {
  code: {
    begin: /^(\s*)\/\/\s*BEGIN SOLUTION\s*$/,
    end: /^\s*\/\/\s*END SOLUTION\s*$/,
    stub: (indent) => [`${indent}// YOUR CODE HERE`, `${indent}throw new Error("not implemented");`],
  },
  markdown: {
    begin: /^(\s*)<!--\s*BEGIN SOLUTION\s*-->\s*$/,
    end: /^\s*<!--\s*END SOLUTION\s*-->\s*$/,
    stub: (indent) => [`${indent}*Your answer here.*`],
  },
};

/** Unbalanced or nested solution markers. */
export class SolutionRegionError extends Error {
  override name = "SolutionRegionError";
}

/** One solution region: its lines between the markers (markers excluded), and where it starts (line from 1). */
export interface SolutionRegion {
  firstLine: number;
  lines: string[];
}

interface Scan {
  regions: SolutionRegion[];
  /** The text with each region replaced by its stub. */
  stubbed: string;
}

function scan(text: string, syntax: RegionSyntax, where: string): Scan {
  const { begin, end, stub } = markers[syntax];
  const regions: SolutionRegion[] = [];
  const output: string[] = [];
  let open: { indent: string; firstLine: number; lines: string[] } | undefined;
  text.split("\n").forEach((line, index) => {
    const lineNumber = index + 1;
    const opening = begin.exec(line);
    if (opening !== null) {
      if (open) throw new SolutionRegionError(`${where}, line ${lineNumber}: BEGIN SOLUTION inside the region opened on line ${open.firstLine - 1}; regions do not nest`);
      open = { indent: opening[1]!, firstLine: lineNumber + 1, lines: [] };
    } else if (end.test(line)) {
      if (!open) throw new SolutionRegionError(`${where}, line ${lineNumber}: END SOLUTION without a BEGIN SOLUTION before it`);
      regions.push({ firstLine: open.firstLine, lines: open.lines });
      output.push(...stub(open.indent));
      open = undefined;
    } else if (open) open.lines.push(line);
    else output.push(line);
  });
  if (open) throw new SolutionRegionError(`${where}, line ${open.firstLine - 1}: BEGIN SOLUTION is never closed by END SOLUTION`);
  return { regions, stubbed: output.join("\n") };
}

/** The solution regions of a cell's text (checking that the markers balance). */
export function findSolutionRegions(text: string, syntax: RegionSyntax, where = "cell"): SolutionRegion[] {
  return scan(text, syntax, where).regions;
}

/** The text with every solution region replaced by its stub. */
export function stubSolutions(text: string, syntax: RegionSyntax, where = "cell"): string {
  return scan(text, syntax, where).stubbed;
}
