// Which item of an open menu a key moves to (WAI-ARIA menu button pattern): arrows wrap, Home
// and End jump, anything else stays. Pure, so it is tested without a browser.

/** The index focused after `key` in a menu of `count` items with `current` focused. */
export function nextMenuIndex(key: string, current: number, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}

/** The item the button's own keys open the menu on: ArrowUp the last, the others the first. */
export function openingIndex(key: string, count: number): number | null {
  if (key === "ArrowDown" || key === "Enter" || key === " ") return 0;
  if (key === "ArrowUp") return count - 1;
  return null;
}
