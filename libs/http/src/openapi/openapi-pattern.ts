/**
 * A JavaScript RegExp as an OpenAPI `pattern` (ECMA-262 without flags) that accepts the same
 * strings: the `i` flag becomes explicit upper/lower case, and `\d` becomes `[0-9]`, because
 * clients and fuzzers (Python's `re`) read `\d` as any Unicode digit while JavaScript means ASCII.
 */
export function openApiPattern(regex: RegExp): string {
  const caseless = regex.flags.includes('i');
  let out = '';
  let inClass = false;
  for (let index = 0; index < regex.source.length; index++) {
    const char = regex.source[index];
    if (char === '\\') {
      const next = regex.source[index + 1];
      index++;
      if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else out += `\\${next}`;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    if (caseless && /[a-z]/i.test(char)) {
      const range = inClass && regex.source[index + 1] === '-' && /[a-z]/i.test(regex.source[index + 2] ?? '');
      if (range) {
        const end = regex.source[index + 2];
        out += `${char.toLowerCase()}-${end.toLowerCase()}${char.toUpperCase()}-${end.toUpperCase()}`;
        index += 2;
      } else {
        out += inClass ? `${char.toLowerCase()}${char.toUpperCase()}` : `[${char.toLowerCase()}${char.toUpperCase()}]`;
      }
      continue;
    }
    out += char;
  }
  return out;
}
