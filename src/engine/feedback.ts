// DAMON's generic feedback step toward a goal of 10000 bp (spec/damon-core.md §8.8),
// shared by quota goals and intervals auto-tuning (§7). BigInt: products pass 2^53.
const U64_MAX = (1n << 64n) - 1n;

export function nextInput(last: bigint, score: bigint): bigint {
  const goal = 10000n;
  const minInput = 10000n;
  if (score === goal) return last;
  if (score >= goal * 2n) return minInput;
  const diff = score > goal ? score - goal : goal - score;
  const comp = last * diff > U64_MAX ? (last / 10000n) * diff : (last * diff) / 10000n;
  if (score > goal) return last - comp > minInput ? last - comp : minInput;
  const next = last + comp;
  return next > U64_MAX ? U64_MAX : next;
}
