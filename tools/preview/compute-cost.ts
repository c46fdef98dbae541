/**
 * The EC2 instance-hours the plan's Auto Scaling groups run, priced where the instance type and region
 * are in `model/prices/ec2-prices.ts`: at the group's desired size (steady state) and at its max
 * (fully scaled out). EBS, load balancers and data transfer are not counted here.
 */
import {
  EC2_PRICES_CHECKED,
  EC2_PRICE_SOURCE,
  HOURS_PER_MONTH,
  instanceHourPrice,
} from "@multi-region-api/model/prices/ec2-prices";
import { resourcesOfType, type Plan } from "./plan";

export const AUTOSCALING_GROUP_TYPE = "aws:autoscaling/group:Group";
export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

export interface GroupCompute {
  readonly region: string;
  readonly instanceType: string;
  readonly desired: number;
  readonly max: number;
  /** Undefined when the type or region has no price in the table. */
  readonly usdPerHour?: number;
  readonly monthlyAtDesired?: number;
  readonly monthlyAtMax?: number;
}

export interface ComputeCost {
  readonly groups: readonly GroupCompute[];
  /** The priced groups only. */
  readonly monthlyAtDesired: number;
  readonly monthlyAtMax: number;
  readonly unpriced: number;
  readonly source: string;
  readonly checked: string;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;
const count = (value: unknown) => (typeof value === "number" ? value : 0);

export function estimateComputeCost(plan: Plan): ComputeCost {
  const templates = resourcesOfType(plan, LAUNCH_TEMPLATE_TYPE);
  const groups = resourcesOfType(plan, AUTOSCALING_GROUP_TYPE).map((group): GroupCompute => {
    const templateId = (group.inputs.launchTemplate as Record<string, unknown> | undefined)?.id;
    const template = templates.find((t) => t.id !== undefined && t.id === templateId);
    const region = group.region ?? "";
    const instanceType = String(template?.inputs.instanceType ?? "unknown");
    const desired = count(group.inputs.desiredCapacity ?? group.inputs.minSize);
    const max = count(group.inputs.maxSize);
    const usdPerHour = instanceHourPrice(region, instanceType);
    return usdPerHour === undefined
      ? { region, instanceType, desired, max }
      : {
          region,
          instanceType,
          desired,
          max,
          usdPerHour,
          monthlyAtDesired: cents(desired * usdPerHour * HOURS_PER_MONTH),
          monthlyAtMax: cents(max * usdPerHour * HOURS_PER_MONTH),
        };
  });
  const sum = (pick: (g: GroupCompute) => number | undefined) =>
    cents(groups.reduce((total, g) => total + (pick(g) ?? 0), 0));
  return {
    groups,
    monthlyAtDesired: sum((g) => g.monthlyAtDesired),
    monthlyAtMax: sum((g) => g.monthlyAtMax),
    unpriced: groups.filter((g) => g.usdPerHour === undefined).length,
    source: EC2_PRICE_SOURCE,
    checked: EC2_PRICES_CHECKED,
  };
}
