/**
 * What the users store never does but a run against dynalite (DynamoDB's stand-in) needs: table
 * control (CreateTable, DescribeTable) and raw calls, shared by the store's dynalite tests and
 * `npm run bench:backend`.
 */

/** One DynamoDB JSON API call; dynalite wants the SigV4 headers present, not valid. */
export async function dynaliteCall(
  endpoint: string,
  action: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${action}`,
      "x-amz-date": "20260501T120000Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260501/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`${action}: ${JSON.stringify(answer)}`);
  return answer;
}

/** An ACTIVE table with the app's key schema (a string hash key `id`), as the stack creates it. */
export async function createUsersTable(endpoint: string, tableName: string): Promise<void> {
  await dynaliteCall(endpoint, "CreateTable", {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = (await dynaliteCall(endpoint, "DescribeTable", { TableName: tableName })) as {
      Table: { TableStatus: string };
    };
    if (Table.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${tableName} is not ACTIVE after 100 checks`);
}
