import type { User } from "../../backend/users";

/** Two stored users, shared by the app's and the DynamoDB store's tests. */
export const ADA: User = {
  id: "0b5a3c4e-1d2f-4a6b-8c9d-0e1f2a3b4c5d",
  name: "Ada Lovelace",
  email: "ada@example.com",
  createdAt: "2026-01-01T00:00:00.000Z",
};

export const GRACE: User = {
  id: "7f1e2d3c-4b5a-4968-8776-655443322110",
  name: "Grace Hopper",
  email: "grace@example.com",
  createdAt: "2026-02-01T00:00:00.000Z",
};
