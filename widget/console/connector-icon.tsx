// A connector's icon: the catalog's image when it has one (http(s) or data: URL, shown through
// <img>, where an SVG's scripts never run), else its initials on a colour of its own.
import { useState } from "preact/hooks";

function initials(name: string): string {
  const words = name.replace(/[^A-Za-z0-9 ]+/g, " ").trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words[1]?.[0] ?? words[0]?.[1] ?? "")).toUpperCase();
}

function hue(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

export function ConnectorIcon({ icon, name, size = 28 }: { icon?: string; name: string; size?: number }) {
  const [broken, setBroken] = useState(false);
  const style = `width:${size}px;height:${size}px`;
  if (icon && !broken && /^(https?:|data:image\/)/i.test(icon)) {
    return <img class="ico" src={icon} alt="" width={size} height={size} loading="lazy" referrerpolicy="no-referrer" onError={() => setBroken(true)} />;
  }
  return (
    <span class="ico mono" aria-hidden="true" style={`${style};background:hsl(${hue(name)} 55% 42%);font-size:${Math.round(size * 0.4)}px`}>
      {initials(name)}
    </span>
  );
}
