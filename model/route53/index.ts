/** Pure Route 53 knowledge: no resources here, so the program, the tests and the preview share it. */
export * from "./failover-chain";
export * from "./failover-evaluator";
export * from "./prices";
export * from "./knowledge";
export * from "./latency-set";
export * from "./latency-evaluator";
export * from "./routing";
