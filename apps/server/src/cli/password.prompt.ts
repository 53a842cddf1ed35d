/**
 * A password for a command: typed at the terminal without echo, or — when standard input is not
 * a terminal (a script, a pipe, a secret file) — its first line. Never a command-line argument,
 * which other users of the machine see in the process list and the shell keeps in its history.
 */

/** The first line of a non-terminal standard input (without its line ending). */
export async function readLine(input: NodeJS.ReadableStream): Promise<string | null> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
  }
  return text === '' ? null : text.replace(/\r$/, '');
}

/** Reads one line from the terminal in raw mode, echoing nothing; Ctrl-C aborts. */
export function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = '';
    const finish = (error: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003') return finish(new PromptAborted());
        if (char === '\u0004' && value === '') return finish(new PromptAborted());
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

export class PromptAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'PromptAborted';
  }
}

/**
 * The new account's password: asked twice at a terminal (the two must match), else read from
 * the first line of standard input.
 */
export async function newPassword(input: NodeJS.ReadStream = process.stdin): Promise<string | null> {
  if (!input.isTTY) return readLine(input);
  const first = await promptHidden('Password: ', input);
  const again = await promptHidden('Password again: ', input);
  if (first !== again) throw new PasswordMismatch();
  return first;
}

export class PasswordMismatch extends Error {
  constructor() {
    super('the two passwords differ');
    this.name = 'PasswordMismatch';
  }
}
