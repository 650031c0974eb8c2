import { SerialQueue } from "./serial-queue";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("SerialQueue", () => {
  it("runs tasks of one key one after another, even when one fails", async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const task = (name: string, fail = false) => async () => {
      order.push(`${name} start`);
      await tick();
      order.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run("t", task("a", true)), queue.run("t", task("b")), queue.run("other", task("c"))]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(order.indexOf("b start")).toBeGreaterThan(order.indexOf("a end"));
    expect(order.indexOf("c start")).toBeLessThan(order.indexOf("a end"));
  });

  it("forgets keys whose tasks are done", async () => {
    const queue = new SerialQueue();
    await queue.run("t", async () => 1);
    await tick();
    expect(queue.pendingKeys).toBe(0);
  });
});
