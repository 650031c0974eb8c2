import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { badInput } from "../errors";
import { createLogger } from "../logging";
import { buildFederatedSchema } from "../schema/build-subgraph-schema";
import { callSubgraph, TEST_INTERNAL_SECRET, testIdentity } from "../testkit";
import { createSubgraphServer, type RunningServer } from "./subgraph-server";
import type { BaseContext } from "./request-context";

@ObjectType({ description: "A probe entity." })
@Directive('@key(fields: "id")')
class Probe {
  @Field(() => ID, { description: "Id." }) id!: string;
  @Field(() => String, { description: "Tenant that asked." }) tenant!: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => Probe, { description: "Echo the caller." })
  probe(@Ctx() ctx: BaseContext): Probe {
    return { id: "p1", tenant: ctx.identity.tenantId };
  }
  @Query(() => String, { description: "Fails as the client's fault." })
  invalid(@Arg("name", () => String) _name: string): string {
    throw badInput("name", "name is not acceptable");
  }
  @Query(() => String, { description: "Fails unexpectedly." })
  broken(): string {
    throw new Error("relation \"secret_table\" does not exist");
  }
}

describe("subgraph server", () => {
  let server: RunningServer;
  let ready = true;
  beforeAll(async () => {
    const schema = await buildFederatedSchema({
      resolvers: [ProbeResolver],
      resolverInstances: [new ProbeResolver()],
      referenceResolvers: { Probe: { __resolveReference: (ref: { id: string }, ctx: BaseContext) => ({ id: ref.id, tenant: ctx.identity.tenantId }) } },
    });
    server = await createSubgraphServer({
      name: "probe",
      schema,
      port: 0,
      host: "127.0.0.1",
      logger: createLogger({ service: "probe", level: "silent" }),
      internalTokenSecret: TEST_INTERNAL_SECRET,
      readiness: [{ name: "store", check: async () => { if (!ready) throw new Error("store down"); } }],
    }).start();
  });
  afterAll(() => server.stop());

  it("answers with the identity the gateway signed", async () => {
    const identity = testIdentity();
    const result = await callSubgraph(server.url, { query: "{ probe { id tenant } }" }, identity);
    expect(result.data).toEqual({ probe: { id: "p1", tenant: identity.tenantId } });
  });

  it("refuses a call without the gateway's identity", async () => {
    const result = await callSubgraph(server.url, { query: "{ probe { id } }" }, null);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.data ?? null).toBeNull();
  });

  it("refuses an identity signed with another secret", async () => {
    const result = await callSubgraph(server.url, { query: "{ probe { id } }" }, testIdentity(), "another-secret-that-is-long-enough-000");
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("maps domain errors to a code and the offending field, and masks the rest", async () => {
    const identity = testIdentity();
    const invalid = await callSubgraph(server.url, { query: '{ invalid(name: "x") }' }, identity);
    expect(invalid.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "name" });
    const broken = await callSubgraph(server.url, { query: "{ broken }" }, identity);
    expect(broken.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(broken)).not.toContain("secret_table");
  });

  it("serves federation entities and the subgraph SDL", async () => {
    const identity = testIdentity();
    const result = await callSubgraph(
      server.url,
      { query: '{ _entities(representations: [{ __typename: "Probe", id: "p9" }]) { ... on Probe { id tenant } } _service { sdl } }' },
      identity,
    );
    expect(result.data._entities).toEqual([{ id: "p9", tenant: identity.tenantId }]);
    expect(result.data._service.sdl).toContain('@key(fields: "id")');
  });

  it("reports liveness, readiness of its stores, and metrics", async () => {
    const base = server.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    ready = false;
    const down = await fetch(`${base}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ checks: [{ name: "store", status: "down", error: "store down" }] });
    ready = true;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total{operation="anonymous",type="query",outcome="ok",service="probe"}');
  });
});
