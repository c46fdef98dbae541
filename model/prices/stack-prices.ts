/**
 * What the rest of a region costs, in USD, beside the Route 53, EC2, WAF and authorizer modules: the load
 * balancer, API Gateway requests, DynamoDB on demand, CloudWatch Logs and data transfer. List prices of US
 * East (N. Virginia) as the AWS pricing pages named on each line give them; those pages cannot be reached
 * from this project's machines, so the figures are unverified transcriptions (the NLB rates were checked on
 * 2026-12-03 against published summaries of AWS's page). An estimate for planning, not a bill: check each
 * page before you budget.
 */
export const STACK_PRICES = {
  /** Elastic Load Balancing pricing, Network Load Balancer: per NLB-hour. */
  nlbPerHour: 0.0225,
  /** Amazon API Gateway pricing, REST APIs: per million requests, first 333 million a month. */
  restApiRequestsPerMillion: 3.5,
  /** Amazon DynamoDB pricing, on-demand: per million write request units. */
  dynamoWriteRequestUnitsPerMillion: 0.625,
  /** Amazon DynamoDB pricing, global tables on demand: per million replicated write request units. */
  dynamoReplicatedWriteUnitsPerMillion: 0.625,
  /** Amazon DynamoDB pricing, on-demand: per million read request units. */
  dynamoReadRequestUnitsPerMillion: 0.125,
  /** Amazon DynamoDB pricing, table class Standard: per GB-month of storage, in each replica. */
  dynamoStoragePerGbMonth: 0.25,
  /** Amazon CloudWatch pricing, Logs: per GB ingested (standard class). */
  logsIngestedPerGb: 0.5,
  /** Amazon EC2 pricing, data transfer out to the internet: per GB, first 10 TB a month. */
  dataTransferOutPerGb: 0.09,
  /** Amazon EC2 pricing, data transfer between regions: per GB, the replicas' replication traffic. */
  interRegionTransferPerGb: 0.02,
} as const;

export const STACK_PRICE_SOURCES = {
  nlb: "Elastic Load Balancing pricing (aws.amazon.com/elasticloadbalancing/pricing)",
  apiGateway: "Amazon API Gateway pricing (aws.amazon.com/api-gateway/pricing)",
  dynamodb: "Amazon DynamoDB on-demand pricing (aws.amazon.com/dynamodb/pricing/on-demand)",
  logs: "Amazon CloudWatch pricing (aws.amazon.com/cloudwatch/pricing)",
  transfer: "Amazon EC2 on-demand pricing, data transfer (aws.amazon.com/ec2/pricing/on-demand)",
} as const;
