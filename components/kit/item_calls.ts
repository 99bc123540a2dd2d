// The four calls of a collection of saved items that the API keeps at one path: list it, create
// an item (POST to the collection), replace one (PUT to the item's path) and delete one. One
// piece, so a feature's api.ts says only its paths and its types.

import { request } from "../client/api.ts";

export interface ItemCalls<T, New, Change> {
  list(): Promise<T[]>;
  create(input: New): Promise<T>;
  update(id: string, input: Change): Promise<T>;
  remove(id: string): Promise<void>;
}

/** The calls of the items at `collection()`, each at `item(id)`. */
export function itemCalls<T, New = unknown, Change = New>(
  collection: () => string,
  item: (id: string) => string,
): ItemCalls<T, New, Change> {
  return {
    list: () => request<T[]>("GET", collection()),
    create: (input) => request<T>("POST", collection(), input),
    update: (id, input) => request<T>("PUT", item(id), input),
    remove: (id) => request<void>("DELETE", item(id)),
  };
}
