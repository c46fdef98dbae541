/**
 * Where the timeline picture writes the labels of its vertical markers: one label per row, beside its
 * marker, in rows stacked away from the lanes. A marker's line runs from the lanes to its own row, so it
 * crosses every row nearer the lanes; the rows are ordered so that as few lines as possible cross a label.
 */

/** Average advance of a 12 px sans-serif character: enough to keep labels apart without measuring fonts. */
export const CHAR_WIDTH = 6.6;
const GAP = 4;

export interface PlacedLabel {
  /** Index of the marker in the input. */
  readonly index: number;
  /** 1 = the row next to the lanes. */
  readonly distance: number;
  readonly anchor: "start" | "end";
  /** The x where the text begins (start) or ends (end). */
  readonly textX: number;
}

interface Candidate {
  readonly x: number;
  readonly label: string;
}

function span(candidate: Candidate, anchor: "start" | "end"): [number, number] {
  const width = candidate.label.length * CHAR_WIDTH;
  return anchor === "start"
    ? [candidate.x + GAP, candidate.x + GAP + width]
    : [candidate.x - GAP - width, candidate.x - GAP];
}

function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
  );
}

/**
 * Places labels right of their marker when they fit before `rightEdge`, else left of it, and picks the
 * row order with the fewest lines through labels (the given order on a tie).
 */
export function placeLabels(candidates: readonly Candidate[], rightEdge: number): PlacedLabel[] {
  const anchors = candidates.map((c): "start" | "end" =>
    span(c, "start")[1] <= rightEdge ? "start" : "end",
  );
  const spans = candidates.map((c, i) => span(c, anchors[i]!));
  const crossings = (order: readonly number[]): number => {
    let count = 0;
    order.forEach((marker, row) => {
      // The marker's line passes the rows nearer the lanes: order[0..row-1].
      for (const nearer of order.slice(0, row)) {
        const [from, to] = spans[nearer]!;
        if (candidates[marker]!.x >= from && candidates[marker]!.x <= to) count++;
      }
    });
    return count;
  };
  // Lexicographic, so the given order (the identity) comes first and wins a tie.
  const orders = permutations(candidates.length).sort((a, b) => a.join().localeCompare(b.join()));
  const best = orders.reduce((a, b) => (crossings(b) < crossings(a) ? b : a), orders[0]!);
  return best.map((index, row) => ({
    index,
    distance: row + 1,
    anchor: anchors[index]!,
    textX: anchors[index] === "start" ? candidates[index]!.x + GAP : candidates[index]!.x - GAP,
  }));
}
