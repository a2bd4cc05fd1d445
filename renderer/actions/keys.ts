/**
 * Key names: "mod+shift+z", "1", "Escape", "?". `mod` is Ctrl or Cmd. With shift held,
 * e.key is the shifted character ("!" for 1), so letters and digits are also matched by
 * their physical key (e.code) — "shift+1" works on every layout that has a 1 key.
 */
export type KeyPress = { mods: string; key: string; code: string };

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export function keyOf(e: KeyEventLike): KeyPress {
  const mods = [e.ctrlKey || e.metaKey ? 'mod' : '', e.shiftKey ? 'shift' : '', e.altKey ? 'alt' : ''].filter(Boolean).join('+');
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const code = e.code.startsWith('Digit') || e.code.startsWith('Key') ? e.code.slice(-1).toLowerCase() : '';
  return { mods, key, code };
}

/** Whether the spec ("shift+r", "?") names this press. Characters like "?" match without their shift. */
export function keyMatches(spec: string, press: KeyPress): boolean {
  const parts = spec.split('+');
  const name = parts.pop()!;
  const want = parts.sort().join('+');
  const have = press.mods.split('+').filter(Boolean).sort().join('+');
  // A printable symbol ("?" is shift+/ on many layouts): the spec names the character, shift is implied.
  if (name.length === 1 && !/[a-z0-9]/i.test(name)) return name === press.key && want === have.split('+').filter((m) => m !== 'shift').join('+');
  const lower = name.length === 1 ? name.toLowerCase() : name;
  return (lower === press.key || (press.code !== '' && lower === press.code)) && want === have;
}

/** How a key spec reads in the shortcut list ("Ctrl+Shift+Z"). */
export function keyLabel(spec: string, mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)): string {
  return spec.split('+').map((p) => (p === 'mod' ? (mac ? '⌘' : 'Ctrl') : p === 'shift' ? 'Shift' : p === 'alt' ? (mac ? '⌥' : 'Alt') : p.length === 1 ? p.toUpperCase() : p)).join('+');
}
