// How byte counts read in messages. One rule everywhere: decimal units (1 kB = 1,000 bytes, 1 MB = 10^6 bytes,
// 1 GB = 10^9 bytes), two significant figures at most, so "about 80 MB" reads the same in every rule.

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [bytes / 1e3, 'kB'];
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} ${unit}`;
}

/** 10000000 -> "10,000,000". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
