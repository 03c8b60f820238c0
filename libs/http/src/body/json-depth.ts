/**
 * Whether a JSON text nests objects and arrays deeper than `maxDepth`, decided on the text
 * itself before anything parses it: a linear scan that skips string contents. Parsing, the
 * class-transformer step and validation all recurse, and a body 3,000 levels deep overflowed
 * the stack in them (a 500); refused here it never reaches them.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index += 1;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}
