import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { EventEmitter, on } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "graphql";
import { Arg, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { buildFederatedSchema, type BaseContext, createLogger, createSubgraphServer, type RunningServer } from "@aiwf/platform";

/*
 * Two small subgraphs for the gateway's subscription tests: `ticker` owns the Subscription
 * root and emits events that reference `Item` entities; `items` owns Item's fields.
 */

@ObjectType("Item")
@Directive('@key(fields: "id", resolvable: false)')
class ItemReference {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A tick." })
class Tick {
  @Field(() => Int, { description: "Sequence number." }) n!: number;
  @Field(() => ItemReference, { description: "The item this tick is about." }) item!: ItemReference;
}

/** Published ticks, per tenant, so tests decide when events happen. */
export const ticks = new EventEmitter();
export const upstreamSubscriptions = { opened: 0 };

@Resolver()
class TickerResolver {
  @Query(() => Boolean, { description: "Health." }) tickerUp(): boolean {
    return true;
  }
  @Subscription(() => Tick, {
    description: "Ticks published for the caller's tenant.",
    subscribe: ({ context }: { context: BaseContext }) => {
      upstreamSubscriptions.opened++;
      const source = on(ticks, context.identity.tenantId);
      return (async function* () {
        for await (const [tick] of source) yield tick;
      })();
    },
  })
  ticked(@Root() tick: { n: number; itemId: string }, @Arg("label", () => String, { nullable: true }) _label?: string): Tick {
    return { n: tick.n, item: { id: tick.itemId } };
  }
}

@ObjectType("Item", { description: "An item." })
@Directive('@key(fields: "id")')
class Item {
  @Field(() => ID, { description: "Id." }) id!: string;
  @Field(() => String, { description: "Name." }) name!: string;
  @Field(() => String, { description: "The tenant that asked, to prove identity reaches entity fetches." }) seenBy!: string;
  @Field(() => String, { nullable: true, description: "Fails for item 'broken'." }) fragile?: string | null;
}

@Resolver(() => Item)
class ItemResolver {
  @Query(() => Item, { nullable: true, description: "An item." })
  item(@Arg("id", () => ID) id: string, @Ctx() ctx: BaseContext): Item {
    return { id, name: `Item ${id}`, seenBy: ctx.identity.tenantId };
  }
}

export interface SubscriptionFixture {
  supergraphPath: string;
  ticker: RunningServer;
  items: RunningServer;
  stop(): Promise<void>;
}

export async function startSubscriptionFixture(internalTokenSecret: string): Promise<SubscriptionFixture> {
  const logger = createLogger({ service: "fixture", level: "silent" });
  const tickerSchema = await buildFederatedSchema({ resolvers: [TickerResolver], resolverInstances: [new TickerResolver()] });
  const itemsSchema = await buildFederatedSchema({
    resolvers: [ItemResolver],
    resolverInstances: [new ItemResolver()],
    referenceResolvers: {
      Item: {
        __resolveReference: (ref: { id: string }, ctx: BaseContext) =>
          Object.defineProperty({ id: ref.id, name: `Item ${ref.id}`, seenBy: ctx.identity.tenantId }, "fragile", {
            // Read when the field resolves: throws for one item, so one event carries a field error.
            get: () => {
              if (ref.id === "broken") throw new Error("fragile field failed");
              return "fine";
            },
          }),
      },
    },
  });
  const start = (name: string, schema: typeof tickerSchema) =>
    createSubgraphServer({ name, schema, port: 0, host: "127.0.0.1", logger, internalTokenSecret, readiness: [] }).start();
  const [ticker, items] = await Promise.all([start("ticker", tickerSchema), start("items", itemsSchema)]);
  const composed = composeServices([
    { name: "ticker", url: ticker.url, typeDefs: parse(printSubgraphSchema(tickerSchema)) },
    { name: "items", url: items.url, typeDefs: parse(printSubgraphSchema(itemsSchema)) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join("\n"));
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), "aiwf-subs-")), "supergraph.graphql");
  writeFileSync(supergraphPath, composed.supergraphSdl);
  return {
    supergraphPath,
    ticker,
    items,
    async stop() {
      await Promise.allSettled([ticker.stop(), items.stop()]);
    },
  };
}
