/**
 * Deterministic randomness for guid() and rand(): each draw is derived from the run's entropy seed
 * and a draw counter kept in the run state, so replaying a transition yields the same values.
 */
import { createHash } from 'node:crypto';

export function drawRandom(entropy: string, draw: number): number {
  const digest = createHash('sha256').update(`${entropy}:${draw}`).digest();
  // 53 random bits make a double in [0, 1).
  const high = digest.readUInt32BE(0) >>> 5;
  const low = digest.readUInt32BE(4) >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

export function drawGuid(entropy: string, draw: number): string {
  const bytes = createHash('sha256').update(`${entropy}:guid:${draw}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
