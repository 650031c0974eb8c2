import { PageInfo } from "@aiwf/platform";
import { Field, Int, ObjectType } from "type-graphql";
import { Document } from "./document.type";

@ObjectType({ description: "A document and its position in the list." })
export class DocumentEdge {
  @Field(() => String, { description: "Opaque position of this document; pass it as `after` to continue after it." })
  cursor!: string;

  @Field(() => Document, { description: "The document." })
  node!: Document;
}

@ObjectType({ description: "A page of the tenant's documents, newest first (Relay connection)." })
export class DocumentConnection {
  @Field(() => [DocumentEdge], { description: "The documents of this page, newest first." })
  edges!: DocumentEdge[];

  @Field(() => PageInfo, { description: "Whether more documents follow, and the cursor to fetch them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "All of the tenant's documents, across all pages." })
  totalCount!: number;
}
