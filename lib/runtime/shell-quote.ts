/**
 * Quoting words for a POSIX shell, for the command lines flashlab writes for other machines to run (an
 * sbatch script, a command sent over SSH): a word of safe characters stays as it is, any other is put in
 * single quotes (a single quote inside becomes '\'').
 */

const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `word` as one word for sh, bash, dash or zsh. */
export function shellQuote(word: string): string {
  if (safeWord.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The words as one command line. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
