// The command-line client's commands (issue 9; in progress).

/** Each command takes its arguments and resolves to the process's exit status. */
export const CLI_COMMANDS: Map<string, (args: string[]) => Promise<number>> = new Map();

/** Lines for the program's usage text. */
export const CLI_USAGE = "";
