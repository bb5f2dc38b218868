/** Luhn (mod 10) check over a string of digits, the key being the last digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The key digit to append to `body` so that the whole passes Luhn. */
export function luhnKey(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error(`luhnKey needs digits, got "${body}"`);
  const sum = luhnSum(body, true);
  return String((10 - (sum % 10)) % 10);
}

// Doubles every second digit from the right; when the key is not yet appended
// the rightmost digit of `digits` is the one doubled first.
function luhnSum(digits: string, keyMissing: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let d = digits.charCodeAt(i) - 48;
    if ((fromRight % 2 === 1) !== keyMissing) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}
