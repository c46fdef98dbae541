// What the test kit takes from @pulumi/pulumi's internals (tools/pulumi-internals.ts), checked against the
// installed SDK: an upgrade that moves or changes one of them fails here, by name, instead of somewhere deep
// in a stack run.
import * as pulumi from "@pulumi/pulumi";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  beforeProviderServiceAdded,
  interceptRegistrations,
  mockRegisteredResources,
  specialSecretSig,
  specialSigKey,
  waitForRPCs,
} from "../../tools/pulumi-internals";

/** The sentinels of Pulumi's gRPC protocol (sdk/go/common/resource/plugin/rpc.go), as tools/stand-ins/wire.ts writes them. */
const PROTOCOL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const PROTOCOL_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

interface Request {
  getType(): string;
  getName(): string;
  getParent(): string;
}

class Thing extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Thing", name, { size: 3 });
  }
}

describe("the SDK internals the test kit uses", () => {
  it("has the signature keys of the wire protocol", () => {
    expect([specialSigKey, specialSecretSig]).toEqual([PROTOCOL_SIG_KEY, PROTOCOL_SECRET_SIG]);
  });

  it("lets a wrapper see each registration under mocks, with the monitor's URN and its registered resources", async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
      },
      "internals",
      "test",
    );
    const seen: string[] = [];
    interceptRegistrations<Request, unknown>("internals test", (request, callback, passOn, monitor) => {
      seen.push(monitor.newUrn(request.getParent(), request.getType(), request.getName()));
      passOn(request, callback);
    });
    const thing = new Thing("thing");
    await new Promise<string>((resolve) => thing.urn.apply(resolve));
    await waitForRPCs();
    expect(seen).toEqual(["urn:pulumi:test::internals::test:index:Thing::thing"]);
    expect([...mockRegisteredResources("internals test").keys()]).toContain(seen[0]);
  });

  it("hands the provider server's service table to a patch before the server adds it", () => {
    const grpc = createRequire(require.resolve("@pulumi/pulumi/provider"))("@grpc/grpc-js") as {
      Server: new () => { addService(service: object, implementation: object): void };
    };
    const tables: object[] = [];
    beforeProviderServiceAdded((implementation) => tables.push(implementation));
    const implementation = { configure: () => undefined };
    const identity = (value: unknown) => value;
    const service = {
      configure: {
        path: "/pulumirpc.ResourceProvider/Configure",
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    };
    new grpc.Server().addService(service, implementation);
    expect(tables).toEqual([implementation]);
  });
});
