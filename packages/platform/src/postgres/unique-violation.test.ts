import { isUniqueViolation } from "./unique-violation";

describe("a unique violation", () => {
  it.each([
    ["Prisma's P2002", { code: "P2002" }],
    ["the SQLSTATE as the error's code (pg, PGlite, the PGlite adapter)", { code: "23505" }],
    ["the SQLSTATE in the cause (driver adapters)", { cause: { originalCode: "23505" } }],
    ["a raw query's P2010 carrying the driver's 23505", { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23505" } } } }],
  ])("is recognised from %s", (_how, error) => {
    expect(isUniqueViolation(Object.assign(new Error("duplicate"), error))).toBe(true);
  });

  it.each([
    ["another constraint", { code: "23503" }],
    ["a raw query failing otherwise", { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "42P01" } } } }],
    ["not an error at all", null],
  ])("is not %s", (_how, error) => {
    expect(isUniqueViolation(error && Object.assign(new Error("other"), error))).toBe(false);
  });
});
