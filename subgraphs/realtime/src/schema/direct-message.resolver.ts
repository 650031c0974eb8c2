import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { DirectMessage as SentDirectMessage } from "../domain/direct-message";
import type { DirectMessageService } from "../domain/direct-message.service";
import type { RealtimeContext } from "./context";
import { DirectMessage, DirectMessageConnection } from "./direct-message.type";
import { DocumentReference, WorkflowReference } from "./entity-references.type";
import { MessagesArgs } from "./messages.args";
import { SendDirectMessageInput } from "./send-direct-message.input";

@Resolver(() => DirectMessage)
export class DirectMessageResolver {
  constructor(private readonly service: DirectMessageService) {}

  @Mutation(() => DirectMessage, { description: "Send a direct message to another user of the caller's tenant; only the two of them can read it." })
  sendDirectMessage(
    @Arg("input", () => SendDirectMessageInput, { description: "What to send and to whom." }) input: SendDirectMessageInput,
    @Ctx() ctx: RealtimeContext,
  ): Promise<SentDirectMessage> {
    return this.service.send(ctx.identity, input);
  }

  @Query(() => DirectMessageConnection, { description: "The caller's conversation with another user, oldest first, paged forward from a cursor." })
  async directMessages(
    @Arg("withUserId", () => ID, { description: "The other user of the conversation." }) withUserId: string,
    @Args(() => MessagesArgs) args: MessagesArgs,
    @Ctx() ctx: RealtimeContext,
  ): Promise<DirectMessageConnection> {
    const page = await this.service.history(ctx.identity, withUserId, args);
    return {
      edges: page.messages.map((message) => ({ cursor: message.id, node: message })),
      pageInfo: { hasNextPage: page.hasMore, endCursor: page.messages.at(-1)?.id ?? null },
    };
  }

  @FieldResolver(() => DocumentReference, { nullable: true, description: "The document shared with this message, if any." })
  document(@Root() message: SentDirectMessage): DocumentReference | null {
    return message.documentId === undefined ? null : { id: message.documentId };
  }

  @FieldResolver(() => WorkflowReference, { nullable: true, description: "The workflow shared with this message, if any." })
  workflow(@Root() message: SentDirectMessage): WorkflowReference | null {
    return message.workflowId === undefined ? null : { id: message.workflowId };
  }
}
