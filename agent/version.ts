// The agent's own version, reported by get_agent_info and printed by --version.

export const AGENT_VERSION = "1.3.0";
