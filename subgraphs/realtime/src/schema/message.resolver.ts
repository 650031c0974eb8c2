import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { ChannelService } from "../domain/channel.service";
import type { Message as SentMessage } from "../domain/message";
import type { RealtimeContext } from "./context";
import { DocumentReference, WorkflowReference } from "./entity-references.type";
import { Message } from "./message.type";
import { SendMessageInput } from "./send-message.input";

@Resolver(() => Message)
export class MessageResolver {
  constructor(private readonly channels: ChannelService) {}

  @Mutation(() => Message, { description: "Send a message to a channel as the caller, optionally sharing a document or a workflow." })
  sendMessage(@Arg("input", () => SendMessageInput, { description: "What to send and where." }) input: SendMessageInput, @Ctx() ctx: RealtimeContext): Promise<SentMessage> {
    return this.channels.sendMessage(ctx.identity, input);
  }

  @FieldResolver(() => DocumentReference, { nullable: true, description: "The document shared with this message, if any." })
  document(@Root() message: SentMessage): DocumentReference | null {
    return message.documentId === undefined ? null : { id: message.documentId };
  }

  @FieldResolver(() => WorkflowReference, { nullable: true, description: "The workflow shared with this message, if any." })
  workflow(@Root() message: SentMessage): WorkflowReference | null {
    return message.workflowId === undefined ? null : { id: message.workflowId };
  }
}
