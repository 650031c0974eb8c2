import { isDomainError } from "@aiwf/platform";
import { ERR_ABORTED, grpc } from "dgraph-js";
import { retryAborted } from "./dgraph-retry";

const fast = { attempts: 3, baseDelayMs: 1 };

/** A transaction that fails with the given errors first, then succeeds. */
function failingFirst(...errors: unknown[]) {
  let calls = 0;
  const run = async () => {
    calls++;
    if (errors.length > 0) throw errors.shift();
    return "committed";
  };
  return { run, calls: () => calls };
}

describe("retryAborted", () => {
  it("retries transactions Dgraph aborted", async () => {
    const txn = failingFirst(ERR_ABORTED, Object.assign(new Error("aborted"), { code: grpc.status.ABORTED }));
    await expect(retryAborted(txn.run, fast)).resolves.toBe("committed");
    expect(txn.calls()).toBe(3);
  });

  it("gives up with CONFLICT after the last attempt", async () => {
    const txn = failingFirst(ERR_ABORTED, ERR_ABORTED, ERR_ABORTED);
    const error = await retryAborted(txn.run, fast).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("CONFLICT");
    expect(txn.calls()).toBe(3);
  });

  it("does not retry other failures; an unreachable server is UPSTREAM_UNAVAILABLE", async () => {
    const broken = failingFirst(new Error("syntax error"));
    await expect(retryAborted(broken.run, fast)).rejects.toThrow("syntax error");
    expect(broken.calls()).toBe(1);
    const down = failingFirst(Object.assign(new Error("connect ECONNREFUSED"), { code: grpc.status.UNAVAILABLE }));
    const error = await retryAborted(down.run, fast).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("UPSTREAM_UNAVAILABLE");
  });
});
