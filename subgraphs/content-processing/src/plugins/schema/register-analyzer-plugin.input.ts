import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "An analyzer plugin to register. Rules are checked by the service, which names the offending field." })
export class RegisterAnalyzerPluginInput {
  @Field(() => String, {
    description: "Lower-case letters, digits and '-', starting with a letter, at most 63 characters. Registering a name again replaces that plugin.",
  })
  name!: string;

  @Field(() => String, { description: "Your label for this build (letters, digits, '.', '+', '-'), e.g. `1.2.0`." })
  version!: string;

  @Field(() => String, {
    description:
      "The WebAssembly module (ABI v1, docs/analyzer-plugins.md), base64-encoded, at most 8 MiB decoded. A module that does not " +
      "compile, imports anything but `env.abort`, lacks a required export, speaks another ABI version or declares more memory " +
      "than `maxMemoryMb` is refused with BAD_USER_INPUT and `extensions.reason`.",
  })
  wasmBase64!: string;

  @Field(() => Int, { nullable: true, description: "Wall-clock limit per document in milliseconds; default 1000, at most 10000." })
  timeoutMs?: number | null;

  @Field(() => Int, { nullable: true, description: "Linear-memory limit in MiB; default 16, at most 256." })
  maxMemoryMb?: number | null;

  @Field(() => Int, { nullable: true, description: "Limit on the returned JSON in bytes; default 65536, at most 1048576." })
  maxOutputBytes?: number | null;
}
