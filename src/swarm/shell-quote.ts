// Commands reach a master as one string that the remote login shell splits again, so every
// argument is quoted here: what the caller passes as one argv element stays one element.

const safeArgument = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as POSIX sh reads it back unchanged: single quotes, `'` written as `'\''`. */
export function shellQuote(argument: string): string {
  if (safeArgument.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
