/**
 * EC2 On-Demand list prices (Linux, shared tenancy, USD per instance-hour) for the instance types this
 * project suggests, in the regions its stacks use. Source: the Amazon EC2 On-Demand pricing page
 * (https://aws.amazon.com/ec2/pricing/on-demand/), t4g rows. The t4g list prices have stood since the
 * family's launch; they were recorded on the date in EC2_PRICES_CHECKED without re-reading the live page
 * (this machine cannot reach it), so check the page before you budget. A type or region missing here is reported as "not priced",
 * never guessed.
 */
export const EC2_PRICE_SOURCE = "Amazon EC2 On-Demand pricing page (Linux, shared tenancy)";
export const EC2_PRICES_CHECKED =
  "recorded 2026-11-25 from the t4g list prices, not re-read from the live page: check it before budgeting";

export const EC2_ON_DEMAND_USD_PER_HOUR: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "us-east-1": { "t4g.micro": 0.0084, "t4g.small": 0.0168, "t4g.medium": 0.0336 },
  "eu-west-1": { "t4g.micro": 0.0092, "t4g.small": 0.0184, "t4g.medium": 0.0368 },
};

/** AWS's pricing calculator counts 730 hours in a month. */
export const HOURS_PER_MONTH = 730;

/** The instance-hour price of a type in a region, or undefined when this table does not know it. */
export function instanceHourPrice(region: string, instanceType: string): number | undefined {
  return EC2_ON_DEMAND_USD_PER_HOUR[region]?.[instanceType];
}
