/** hh:mm:ss of a simulated instant (the cluster's clock is UTC). */
export function clockTime(epoch: number, now: number): string {
  return new Date(epoch + now).toISOString().slice(11, 19);
}
