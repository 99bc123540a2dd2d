// What the server bundle gets in place of the browser-only packages (scripts/bundle_server.ts):
// islands import noVNC, xterm.js and uPlot only inside effects, which never run on the server,
// yet a bundler follows those imports and would carry ~700 KB of code the server never calls.
export default {};
