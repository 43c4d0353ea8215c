/** A byte count as people read it: "820 KB", "14.2 MB", "2.43 GB" (binary units, as `--max-memory` takes them). */
export function bytesText(n: number): string {
  for (const [unit, size] of UNITS) {
    if (n < size) continue;
    const x = n / size;
    return `${x >= 100 ? Math.round(x) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ${unit}`;
  }
  return `${n} bytes`;
}

const UNITS = [
  ['GB', 2 ** 30],
  ['MB', 2 ** 20],
  ['KB', 2 ** 10],
] as const;
