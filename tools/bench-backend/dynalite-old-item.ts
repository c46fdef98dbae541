/**
 * The one DynamoDB behaviour the app relies on that dynalite 4.0.0 lacks (its validation drops the
 * parameter and actions/putItem.js never reads it): a PutItem whose condition fails with
 * ReturnValuesOnConditionCheckFailure ALL_OLD carries the item that failed it in the error (DynamoDB API
 * Reference, PutItem). The app answers an idempotent retry from that item; without it, a retry of a write
 * that landed after its client had given up on the first answer (a stalled store's queued request) would
 * answer 503 for ever, which DynamoDB would not (a first run without this: one key per client stuck so
 * after the 5 s pause). Wrapped around dynalite's own action, so the write and its condition stay
 * dynalite's.
 */

export interface DynaliteError extends Error {
  body?: Record<string, unknown>;
}

export type DynaliteCallback = (error: DynaliteError | null, data?: Record<string, unknown>) => void;
export type DynaliteAction<S> = (store: S, data: Record<string, unknown>, callback: DynaliteCallback) => void;

export interface DynaliteStore {
  getTable(
    name: string,
    callback: (error: Error | null, table?: { KeySchema: { AttributeName: string }[] }) => void,
  ): void;
}

const CONDITION_FAILED = /#ConditionalCheckFailedException$/;

export function withOldItemOnConditionFailure<S extends DynaliteStore>(
  putItem: DynaliteAction<S>,
  getItem: DynaliteAction<S>,
): DynaliteAction<S> {
  return (store, data, callback) =>
    putItem(store, data, (error, result) => {
      const wanted = data.ReturnValuesOnConditionCheckFailure === "ALL_OLD";
      if (error === null || !wanted || !CONDITION_FAILED.test(String(error.body?.__type))) {
        callback(error, result);
        return;
      }
      const item = data.Item as Record<string, unknown>;
      store.getTable(String(data.TableName), (tableError, table) => {
        if (tableError !== null || table === undefined) return callback(error);
        const Key = Object.fromEntries(
          table.KeySchema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]),
        );
        getItem(store, { TableName: data.TableName, Key }, (readError, read) => {
          if (readError === null && read?.Item !== undefined) error.body = { ...error.body, Item: read.Item };
          callback(error);
        });
      });
    });
}
