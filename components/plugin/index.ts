/** The plugin's entry: Pulumi starts it and talks to the provider over gRPC on the port it prints. */
import { main } from "@pulumi/pulumi/provider";
import { MultiRegionProvider } from "./provider";

void main(new MultiRegionProvider(), process.argv.slice(2));
