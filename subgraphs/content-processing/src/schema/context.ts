import type { BaseContext } from "@aiwf/platform";
import DataLoader from "dataloader";
import type { Document } from "../domain/document";
import type { DocumentService } from "../domain/document.service";

/** Per-request state: loaders batch and cache within one request, never across tenants. */
export interface ContentLoaders {
  /** Documents by id: one store query per request tick; null for ids the tenant has not. */
  document: DataLoader<string, Document | null>;
}

export interface ContentContext extends BaseContext {
  loaders: ContentLoaders;
}

export function createContentLoaders(documents: DocumentService, base: BaseContext): ContentLoaders {
  return { document: new DataLoader((ids) => documents.findMany(base.identity, ids)) };
}
