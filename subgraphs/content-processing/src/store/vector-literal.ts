/**
 * pgvector's text form, `[0.1,0.2,...]`, passed as a parameter and cast with `::vector`:
 * neither driver adapter knows the vector type, both pass text through.
 */
export function toVectorLiteral(vector: readonly number[]): string {
  if (!vector.every(Number.isFinite)) throw new RangeError("an embedding must hold finite numbers only");
  return `[${vector.join(",")}]`;
}
