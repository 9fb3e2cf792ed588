// The SeaTunnel catalog version in the status bar: pure helpers (tested with node:test); the
// wiring to VS Code lives in extension.ts.

/** The answer of the server's `stlint/catalogVersion` request. */
export interface VersionInfo {
  version: string;
  source: "file" | "settings" | "default";
  available: string[];
  default: string;
}

export const VERSION_REQUEST = "stlint/catalogVersion";

export function statusText(info: VersionInfo): { text: string; tooltip: string } {
  const why =
    info.source === "file"
      ? "set by this file's `# stlint: seatunnel-version=` comment"
      : info.source === "settings"
        ? "set by the settings (stlint.seatunnelVersion or [tool.stlint])"
        : `the newest catalog (${info.default}); stlint.seatunnelVersion is not set`;
  return {
    text: `SeaTunnel ${info.version}${info.source === "file" ? " (file)" : ""}`,
    tooltip: `stlint checks this file against SeaTunnel ${info.version}: ${why}. Click to pick another version.`,
  };
}

export interface VersionPick {
  label: string;
  description?: string;
  /** the value written to `stlint.seatunnelVersion` ("" clears it) */
  value: string;
}

/** The quick-pick entries: every available catalog, the active one marked, and "newest". */
export function versionPicks(info: VersionInfo, setting: string): VersionPick[] {
  const picks: VersionPick[] = [
    {
      label: `newest (${info.default})`,
      description: setting.trim() === "" ? "current setting" : "clear stlint.seatunnelVersion",
      value: "",
    },
  ];
  for (const v of info.available) {
    const marks: string[] = [];
    if (v === setting.trim()) marks.push("current setting");
    if (v === info.version) marks.push("active for this file");
    picks.push({ label: v, description: marks.join(", ") || undefined, value: v });
  }
  return picks;
}
