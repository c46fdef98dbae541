/** A role trust policy that lets one AWS service (e.g. `ec2.amazonaws.com`) assume the role, and nothing else. */
export function assumableBy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
