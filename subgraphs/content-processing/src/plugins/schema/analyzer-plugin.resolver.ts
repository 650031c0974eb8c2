import type { BaseContext } from "@aiwf/platform";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AnalyzerPluginService } from "../analyzer-plugin.service";
import { AnalyzerPlugin, toAnalyzerPlugin } from "./analyzer-plugin.type";
import { RegisterAnalyzerPluginInput } from "./register-analyzer-plugin.input";

const orUndefined = (value: number | null | undefined) => (value === null ? undefined : value);

@Resolver(() => AnalyzerPlugin)
export class AnalyzerPluginResolver {
  constructor(private readonly plugins: AnalyzerPluginService) {}

  @Query(() => [AnalyzerPlugin], { description: "Your tenant's analyzer plugins, by name." })
  async analyzerPlugins(@Ctx() ctx: BaseContext): Promise<AnalyzerPlugin[]> {
    return (await this.plugins.list(ctx.identity)).map(toAnalyzerPlugin);
  }

  @Mutation(() => AnalyzerPlugin, {
    description:
      "Registers a WebAssembly analyzer plugin for your tenant, or replaces the one of the same name. Needs the admin role. " +
      "The module is checked against the ABI and the limits, and started once in the sandbox, before it is stored.",
  })
  async registerAnalyzerPlugin(
    @Arg("input", () => RegisterAnalyzerPluginInput, { description: "The plugin to register." }) input: RegisterAnalyzerPluginInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AnalyzerPlugin> {
    const record = await this.plugins.register(ctx.identity, {
      name: input.name,
      version: input.version,
      wasm: input.wasmBase64,
      limits: { timeoutMs: orUndefined(input.timeoutMs), maxMemoryMb: orUndefined(input.maxMemoryMb), maxOutputBytes: orUndefined(input.maxOutputBytes) },
    });
    return toAnalyzerPlugin(record);
  }

  @Mutation(() => Boolean, { description: "Removes one of your tenant's analyzer plugins; false when there was none of that name. Needs the admin role." })
  removeAnalyzerPlugin(@Arg("name", () => String, { description: "The plugin's name." }) name: string, @Ctx() ctx: BaseContext): Promise<boolean> {
    return this.plugins.remove(ctx.identity, name);
  }
}
