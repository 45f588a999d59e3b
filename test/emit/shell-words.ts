/**
 * A tiny POSIX sh word splitter for the emitter tests: backslash–newline continuations, `#` comments at the
 * start of a word, single quotes (no escapes), double quotes (`\` escapes `$ \` " \ newline`) and backslash
 * escapes outside quotes. Unquoted newlines separate commands. No expansion: `$x` stays literal.
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02 (token recognition)
 */
export function splitShellCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = (): void => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined) throw new Error("dangling backslash at end of input");
      i++;
      if (next === "\n") continue; // line continuation: removed entirely
      word = (word ?? "") + next;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote at ${i}`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let s = "";
      for (i++; ; i++) {
        const d = text[i];
        if (d === undefined) throw new Error("unterminated double quote");
        if (d === '"') break;
        if (d === "\\" && '$`"\\\n'.includes(text[i + 1] ?? "")) {
          i++;
          if (text[i] !== "\n") s += text[i];
        } else s += d;
      }
      word = (word ?? "") + s;
    } else if (c === "#" && word === undefined) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === "\n" || c === ";") {
      endCommand();
    } else if (c === " " || c === "\t") {
      endWord();
    } else if ("|&<>()`$".includes(c)) {
      throw new Error(`unquoted shell metacharacter ${JSON.stringify(c)} at ${i}: the emitter must quote it`);
    } else {
      word = (word ?? "") + c;
    }
  }
  endCommand();
  return commands;
}

/** The one command of a snippet; fails when there are none or several. */
export function singleCommand(text: string): string[] {
  const cmds = splitShellCommands(text);
  if (cmds.length !== 1) throw new Error(`expected one command, got ${cmds.length}`);
  return cmds[0]!;
}

/** argv → positionals (before the first `--flag`) and each `--flag`'s values (words up to the next `--flag`). */
export function parseFlags(argv: readonly string[]): { positionals: string[]; flags: Map<string, string[]> } {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const w of argv) {
    if (w.startsWith("--")) {
      if (flags.has(w)) throw new Error(`flag ${w} given twice`);
      current = [];
      flags.set(w, current);
    } else if (current) current.push(w);
    else positionals.push(w);
  }
  return { positionals, flags };
}
