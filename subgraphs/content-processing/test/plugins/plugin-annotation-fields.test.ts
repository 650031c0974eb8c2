import { afterAll, describe, expect, it } from "@jest/globals";
import { buildFederatedSchema, type Identity } from "@aiwf/platform";
import { graphql } from "graphql";
import { Arg, Field, ObjectType, Query, Resolver } from "type-graphql";
import {
  AnalyzerPluginAnnotation,
  AnalyzerPluginFailure,
  toPluginAnnotationFields,
} from "../../src/plugins/schema/plugin-annotation.type";
import { adminOfNewTenant, createPluginHost, registerWat } from "./fixtures/plugin-host";
import { WAT } from "./fixtures/wat-modules";

// The annotation types as the analysis type will carry them, served through a stand-in
// for that type: a run's annotations and failures come out of GraphQL as they went in.

const host = createPluginHost();
afterAll(() => host.close());
let admin: Identity;

@ObjectType({ description: "Stand-in for the document analysis type." })
class AnalysisStandIn {
  @Field(() => [AnalyzerPluginAnnotation], { description: "Annotations." })
  pluginAnnotations!: AnalyzerPluginAnnotation[];

  @Field(() => [AnalyzerPluginFailure], { description: "Failures." })
  pluginFailures!: AnalyzerPluginFailure[];
}

@Resolver()
class AnalysisStandInResolver {
  @Query(() => AnalysisStandIn, { description: "Runs the tenant's plugins over the text." })
  async analyse(@Arg("text", () => String, { description: "Text." }) text: string): Promise<AnalysisStandIn> {
    return toPluginAnnotationFields(await host.service.runAnalyzerPlugins(admin.tenantId, text));
  }
}

describe("plugin annotations in GraphQL", () => {
  it("serves each annotation as a JSON object and each failure with its reason", async () => {
    admin = adminOfNewTenant();
    await registerWat(host.service, admin, "good", WAT.good);
    await registerWat(host.service, admin, "broken", WAT.trap);
    const schema = await buildFederatedSchema({ resolvers: [AnalysisStandInResolver], resolverInstances: [new AnalysisStandInResolver()] });

    const result = await graphql({
      schema,
      source: '{ analyse(text: "hello") { pluginAnnotations { plugin data } pluginFailures { plugin version reason message } } }',
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      analyse: {
        pluginAnnotations: [{ plugin: "good", data: { ok: true } }],
        pluginFailures: [{ plugin: "broken", version: "1.0.0", reason: "PLUGIN_TRAP", message: expect.stringContaining("unreachable") }],
      },
    });
  });

  it("gives empty lists for a document analysed before plugins existed", () => {
    expect(toPluginAnnotationFields(undefined)).toEqual({ pluginAnnotations: [], pluginFailures: [] });
  });
});
