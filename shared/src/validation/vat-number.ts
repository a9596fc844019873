/**
 * Check digit shared by the partita IVA and by the 11-digit numeric codice
 * fiscale: Luhn over the first ten digits (digits in even 1-based positions
 * are doubled, minus 9 when above 9).
 */
export function partitaIvaCheckDigit(first10: string): number {
  if (!/^\d{10}$/.test(first10)) {
    throw new RangeError(`Expected 10 digits, got ${JSON.stringify(first10)}`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

// No other office codes are issued, so anything else means a mistyped number.
function isKnownOfficeCode(office: number): boolean {
  return (office >= 1 && office <= 100) || office === 120 || office === 121 || office === 888 || office === 999;
}

/** Problems with a partita IVA, in English; empty when valid. Surrounding whitespace is ignored. */
export function validatePartitaIva(v: string): string[] {
  const value = v.trim();
  if (!/^\d*$/.test(value)) {
    return [`A partita IVA contains digits only; "${value}" has other characters.`];
  }
  if (value.length !== 11) {
    return [`A partita IVA has 11 digits; "${value}" has ${value.length}.`];
  }
  const problems: string[] = [];
  const office = value.slice(7, 10);
  if (!isKnownOfficeCode(Number(office))) {
    problems.push(
      `Digits 8–10 of a partita IVA are the tax office code (001–100, 120, 121, 888 or 999); "${office}" is not one.`,
    );
  }
  const expected = partitaIvaCheckDigit(value.slice(0, 10));
  if (Number(value[10]) !== expected) {
    problems.push(`The last digit of partita IVA ${value} should be ${expected}, not ${value[10]}: the number is mistyped.`);
  }
  return problems;
}
