/**
 * The shape every price module answers in: line items of a monthly estimate. Each module prices the part of
 * the stack it knows (Route 53 and CloudWatch in `route53/prices.ts`) and says where its prices come from;
 * the preview adds the lines up and lists what no module priced.
 */

/** One priced line: what is billed, how much a month in USD, and how that figure was reached. */
export interface CostLineItem {
  readonly name: string;
  readonly usdPerMonth: number;
  readonly basis: string;
  /** The price list the figure comes from, with the date it was read. */
  readonly source: string;
}

/** Rounded to cents, as a bill shows it. */
export const cents = (usd: number) => Math.round(usd * 100) / 100;

export function totalOf(items: readonly CostLineItem[]): number {
  return cents(items.reduce((sum, item) => sum + item.usdPerMonth, 0));
}
