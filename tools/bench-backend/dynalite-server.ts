/**
 * dynalite's own CLI (same flags), its PutItem answering a failed condition as DynamoDB does
 * (dynalite-old-item.ts). Run as a process of its own by dynalite-process.ts.
 */
import { createRequire } from "node:module";
import { withOldItemOnConditionFailure, type DynaliteAction } from "./dynalite-old-item";

// dynalite loads each action with require() when its index is first loaded: replacing the cached module
// before that is the one way in without changing its files.
const load = createRequire(__filename);
const putItemPath = load.resolve("dynalite/actions/putItem.js");
const putItem = load(putItemPath) as DynaliteAction<never>;
const getItem = load("dynalite/actions/getItem.js") as DynaliteAction<never>;
load.cache[putItemPath]!.exports = withOldItemOnConditionFailure(putItem, getItem);
// dynalite's validation keeps only the parameters it knows: taught this one, as DynamoDB types it.
const { types } = load("dynalite/validations/putItem.js") as { types: Record<string, unknown> };
types.ReturnValuesOnConditionCheckFailure = { type: "String", enum: ["ALL_OLD", "NONE"] };
load("dynalite/cli.js");
