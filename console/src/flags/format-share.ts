/** A rollout share (0–100) as shown beside on/off: "100 %", "25 %", "0.5 %". */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 1000} %`;
}
