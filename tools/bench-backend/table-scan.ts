/** Every item of the table, straight from dynalite (not through the app, which caps its list). */
import { dynaliteCall } from "../stand-ins/dynalite-api";
import type { StoredItem } from "./accounting";

type AttributeMap = Record<string, { S?: string } | undefined>;

export async function scanAll(endpoint: string, tableName: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let exclusiveStartKey: unknown;
  do {
    const page = await dynaliteCall(endpoint, "Scan", {
      TableName: tableName,
      ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
    });
    for (const item of (page.Items ?? []) as AttributeMap[]) {
      items.push({ id: item.id?.S ?? "", name: item.name?.S ?? "" });
    }
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey !== undefined);
  return items;
}
