/** dynalite ships no types: the one call the tests make (index.js, `dynalite(options)` returns an http.Server). */
declare module "dynalite" {
  import type { Server } from "node:http";
  export default function dynalite(options?: { readonly createTableMs?: number }): Server;
}
