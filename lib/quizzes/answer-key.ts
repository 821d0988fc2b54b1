/**
 * A quiz's answer key, and how a student's answer is judged against it. The key says what form an
 * answer takes (one choice, several choices, a number, true or false) and which answers are right;
 * several right answers are allowed, for questions where two values tie. Judging tells a right
 * answer from a wrong one and from a malformed one (not an answer of the asked form): a malformed
 * answer gets told what is accepted, and is not given the right answer.
 */

/** What a student may write: one choice, a number, true or false, or a list of choices. */
export type QuizAnswer = string | number | boolean | readonly string[];

export type AnswerKey =
  /** One of `choices` (case and surrounding spaces ignored); any of `right` is accepted. */
  | { kind: "choice"; choices: readonly string[]; right: readonly string[] }
  /** "Check all that apply": a list of some of `choices`; exactly the set `right` is accepted. */
  | { kind: "choices"; choices: readonly string[]; right: readonly string[] }
  /** A number: any of `right`, each within ± `tolerance` (default 0); `unit` is named in messages. */
  | { kind: "number"; right: readonly number[]; tolerance?: number; unit?: string }
  | { kind: "boolean"; right: boolean };

export type Judgement = "right" | "wrong" | "malformed";

function normalized(choice: string): string {
  return choice.trim().toLowerCase();
}

function quoted(values: readonly string[], conjunction: "or" | "and"): string {
  const shown = values.map((value) => JSON.stringify(value));
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown[shown.length - 1]}`;
}

/** Throws when a key cannot be answered right (a defect in the quiz, not in the answer). */
export function checkAnswerKey(key: AnswerKey): void {
  const broken = (why: string): never => {
    throw new Error(`quiz answer key: ${why}`);
  };
  switch (key.kind) {
    case "choice":
    case "choices": {
      const choices = new Set(key.choices.map(normalized));
      if (choices.size < 2) broken(`a ${key.kind} key needs at least two distinct choices; got ${quoted(key.choices, "and")}`);
      if (key.kind === "choice" && key.right.length === 0) broken("a choice key needs at least one right choice");
      for (const right of key.right) if (!choices.has(normalized(right))) broken(`the right answer ${JSON.stringify(right)} is not among the choices`);
      return;
    }
    case "number": {
      const tolerance = key.tolerance ?? 0;
      if (!Number.isFinite(tolerance) || tolerance < 0) broken(`tolerance must be a finite number ≥ 0; got ${tolerance}`);
      if (key.right.length === 0) broken("a number key needs at least one right number");
      for (const right of key.right) if (!Number.isFinite(right)) broken(`right numbers must be finite; got ${right}`);
      return;
    }
    case "boolean":
      return;
  }
}

/** What form an answer takes, for "write …": e.g. `one of "up" or "down"`. */
export function acceptedForm(key: AnswerKey): string {
  switch (key.kind) {
    case "choice":
      return `one of ${quoted(key.choices, "or")}`;
    case "choices":
      return `a list of the choices that apply, e.g. ["…", "…"], from ${quoted(key.choices, "and")}`;
    case "number":
      return `a number${key.unit ? ` (${key.unit})` : ""}`;
    case "boolean":
      return "true or false";
  }
}

/** The right answer(s) as a sentence fragment: `"pipeline"`, `24, 25 or 26`, `["a", "b"]`. */
export function rightAnswer(key: AnswerKey): string {
  switch (key.kind) {
    case "choice":
      return quoted(key.right, "or");
    case "choices":
      return `[${key.right.map((choice) => JSON.stringify(choice)).join(", ")}]`;
    case "number": {
      const numbers = key.right.map(String);
      const list = numbers.length <= 1 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} or ${numbers[numbers.length - 1]}`;
      return `${list}${key.unit ? ` ${key.unit}` : ""}`;
    }
    case "boolean":
      return String(key.right);
  }
}

/** How an answer is shown back to the student. */
export function shownAnswer(answer: unknown): string {
  if (Array.isArray(answer)) return `[${answer.map(shownAnswer).join(", ")}]`;
  if (typeof answer === "string") return JSON.stringify(answer);
  return String(answer);
}

function isChoice(choices: readonly string[], answer: unknown): answer is string {
  return typeof answer === "string" && choices.some((choice) => normalized(choice) === normalized(answer));
}

/** Judges a given (non-null) answer against the key: malformed when it is not of the asked form. Pure. */
export function judgeAnswer(key: AnswerKey, answer: unknown): Judgement {
  checkAnswerKey(key);
  switch (key.kind) {
    case "choice":
      if (!isChoice(key.choices, answer)) return "malformed";
      return key.right.some((right) => normalized(right) === normalized(answer)) ? "right" : "wrong";
    case "choices": {
      if (!Array.isArray(answer) || !answer.every((given) => isChoice(key.choices, given))) return "malformed";
      const given = new Set(answer.map((choice: string) => normalized(choice)));
      const wanted = new Set(key.right.map(normalized));
      return given.size === wanted.size && [...wanted].every((choice) => given.has(choice)) ? "right" : "wrong";
    }
    case "number": {
      if (typeof answer !== "number" || !Number.isFinite(answer)) return "malformed";
      const tolerance = key.tolerance ?? 0;
      return key.right.some((right) => Math.abs(answer - right) <= tolerance) ? "right" : "wrong";
    }
    case "boolean":
      if (typeof answer !== "boolean") return "malformed";
      return answer === key.right ? "right" : "wrong";
  }
}
