export interface Log {
  info(line: string): void;
  error(line: string): void;
}

/**
 * Timestamped lines: info to stdout, errors to stderr. Every line passes a redaction of the given
 * secrets, so a token can never reach the log even inside an error message.
 */
export function createLog(secrets: readonly string[] = []): Log {
  const hidden = secrets.filter((s) => s.length >= 8);
  const redact = (line: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), line);
  const write = (stream: NodeJS.WriteStream, line: string) => stream.write(`${new Date().toISOString()} ${redact(line)}\n`);
  return {
    info: (line) => write(process.stdout, line),
    error: (line) => write(process.stderr, line),
  };
}
