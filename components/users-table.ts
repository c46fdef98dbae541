import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { USERS_TABLE_HASH_KEY } from "@multi-region-api/model/contracts/backend";
import { requireAwsProvider, requireRegion, requireThat } from "./validate";

export interface UsersTableArgs {
  /** The table's name: a global table has the same name in every region. */
  readonly tableName: string;
  /** The region of `opts.provider` (or `opts.providers.aws`), where the table is created first. */
  readonly homeRegion: string;
  /** Every other region that gets a replica. */
  readonly replicaRegions: string[];
  /**
   * DynamoDB deletion protection on the table and every replica: while on, DynamoDB refuses to delete
   * them, so a `pulumi destroy` (or a replica's region removed) needs one `up` with it off first.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The users live in one DynamoDB global table with a replica in every region, so that the region traffic
 * fails over to already has the same users. Each region reads and writes its local replica.
 */
export class UsersTable extends pulumi.ComponentResource {
  /** The table's name, the same in every region. */
  public readonly tableName: string;
  /** The ARN of the table in its home region. */
  public readonly arn: pulumi.Output<string>;
  /** Where the table was created first. */
  public readonly homeRegion: string;
  /** Every other region with a replica. */
  public readonly replicaRegions: string[];

  constructor(name: string, args: UsersTableArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate first: a bad argument must stop the run before anything, even this component, is registered.
    requireThat(
      /^[A-Za-z0-9_.-]{3,255}$/.test(args.tableName),
      "tableName",
      "must be 3-255 of A-Z a-z 0-9 _ . -",
    );
    requireRegion("homeRegion", args.homeRegion);
    args.replicaRegions.forEach((region, i) => requireRegion(`replicaRegions[${i}]`, region));
    requireThat(
      !args.replicaRegions.includes(args.homeRegion),
      "replicaRegions",
      "must not include the home region",
    );
    requireAwsProvider(opts, "the aws.Provider of homeRegion");
    super("multiregion:index:UsersTable", name, {}, opts);
    const deletionProtectionEnabled = args.deletionProtection ?? true;

    const table = new aws.dynamodb.Table(
      name,
      {
        name: args.tableName,
        billingMode: "PAY_PER_REQUEST",
        hashKey: USERS_TABLE_HASH_KEY,
        attributes: [{ name: USERS_TABLE_HASH_KEY, type: "S" }],
        // Replicas are fed from the table's stream.
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled,
        serverSideEncryption: { enabled: true },
        replicas: args.replicaRegions.map((regionName) => ({
          regionName,
          pointInTimeRecovery: true,
          deletionProtectionEnabled,
          propagateTags: true,
        })),
      },
      { parent: this },
    );

    this.tableName = args.tableName;
    this.homeRegion = args.homeRegion;
    this.replicaRegions = [...args.replicaRegions];
    this.arn = table.arn;
    this.registerOutputs({ tableName: this.tableName, arn: this.arn });
  }

  /** The ARN of the replica in `region`: the table's ARN with that region in it. */
  replicaArn(region: string): pulumi.Output<string> {
    return this.arn.apply((arn) => arn.replace(`:${this.homeRegion}:`, `:${region}:`));
  }
}
