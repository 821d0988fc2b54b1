/**
 * Number formatting straight into a byte buffer, for writing large CSV files without building strings.
 *
 * `writeFixed3` prints a number with three decimals, the same text as `toFixed(3)`; `writeInteger`
 * prints an integer as `String` does; `writeBytes` copies a short field.
 * Each returns the position after the last byte written. The caller provides room: at most
 * `maxNumberBytes` bytes per call.
 */

/** The most bytes one call writes (a sign, 16 digits, a point and 3 decimals fit well within this). */
export const maxNumberBytes = 32;

/** The number of decimal digits of a non-negative integer below 2^31. */
function smallDigitCount(value: number): number {
  if (value < 10000) return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
  if (value < 100_000_000) return value < 100_000 ? 5 : value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : 8;
  return value < 1_000_000_000 ? 9 : 10;
}

/** Writes the decimal digits of a non-negative integer ≤ 2^53; returns the new position. */
function writeDigits(buf: Buffer, position: number, value: number): number {
  if (value < 2147483648) {
    // Small integers (the common case) use 32-bit integer arithmetic, written from the last digit back.
    const end = position + smallDigitCount(value);
    let rest = value | 0;
    let at = end;
    do {
      const quotient = (rest / 10) | 0;
      buf[--at] = 48 + rest - quotient * 10;
      rest = quotient;
    } while (rest !== 0);
    return end;
  }
  const high = Math.floor(value / 1_000_000_000);
  const at = writeDigits(buf, position, high);
  // The low nine digits, zero-padded.
  let low = (value - high * 1_000_000_000) | 0;
  for (let i = at + 8; i >= at; i--) {
    const quotient = (low / 10) | 0;
    buf[i] = 48 + low - quotient * 10;
    low = quotient;
  }
  return at + 9;
}

/** Writes `value` as `String(value)` would for a safe integer (any other number falls back to String). */
export function writeInteger(buf: Buffer, position: number, value: number): number {
  if (!Number.isSafeInteger(value)) return position + buf.write(String(value), position, "latin1");
  if (value < 0) {
    buf[position] = 45; /* - */
    return writeDigits(buf, position + 1, -value);
  }
  return writeDigits(buf, position, value);
}

/**
 * Writes `value` with three decimals exactly as `value.toFixed(3)` does (e.g. 12.5 → "12.500"); NaN
 * writes nothing. Values within rounding error of a tie take `toFixed` itself, so the text never differs.
 */
export function writeFixed3(buf: Buffer, position: number, value: number): number {
  if (value !== value) return position;
  const magnitude = value < 0 ? -value : value;
  const scaled = magnitude * 1000;
  if (!(scaled < 1e15)) return position + buf.write(value.toFixed(3), position, "latin1");
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const tie = fraction - 0.5;
  if ((tie < 0 ? -tie : tie) <= 1e-9 + scaled * 1e-15) return position + buf.write(value.toFixed(3), position, "latin1");
  const thousandths = fraction < 0.5 ? floor : floor + 1;
  let at = position;
  if (value < 0) buf[at++] = 45; /* - */
  const whole = Math.floor(thousandths / 1000);
  const decimals = (thousandths - whole * 1000) | 0;
  at = writeDigits(buf, at, whole);
  const hundreds = (decimals / 100) | 0;
  const tens = ((decimals - hundreds * 100) / 10) | 0;
  buf[at] = 46; /* . */
  buf[at + 1] = 48 + hundreds;
  buf[at + 2] = 48 + tens;
  buf[at + 3] = 48 + decimals - hundreds * 100 - tens * 10;
  return at + 4;
}

/** Copies the bytes of a short field into `buf` (a plain loop: cheaper than Buffer.copy for a few bytes). */
export function writeBytes(buf: Buffer, position: number, field: Uint8Array): number {
  const length = field.length;
  for (let i = 0; i < length; i++) buf[position + i] = field[i] as number;
  return position + length;
}
