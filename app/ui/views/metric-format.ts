/** Metric values in display units, for the charts and the Simulation panel's tables. */

/** A value in display units, briefly: "598", "0.0262", "12.35", "1,250"; "—" when there is none. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a > 0 && a < 1) return String(Number(v.toPrecision(3)));
  return v.toLocaleString('en', { maximumFractionDigits: a >= 100 ? 1 : 2 });
}

/** "598 ms", "1.8 signatures/h": a raw value shown in its metric's unit. */
export function displayValue(raw: number, scale: number, unit: string): string {
  const v = formatValue(raw / scale);
  return Number.isNaN(raw) ? v : `${v} ${unit}`;
}
