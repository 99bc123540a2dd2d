// A shared library the program loads is not installed. Its message names the Debian package, and
// `kvm-manager` prints it as one line with exit status 1 (main.ts), never as a stack trace.

export class MissingLibraryError extends Error {
  constructor(path: string, debianPackage: string, cause?: unknown) {
    super(
      `Cannot load ${path}: install Debian's ${debianPackage} package ` +
        `(apt-get install ${debianPackage})`,
      { cause },
    );
    this.name = "MissingLibraryError";
  }
}
