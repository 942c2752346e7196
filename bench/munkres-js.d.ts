// munkres-js ships no types; this is the one function the matching benchmark calls.
declare module 'munkres-js' {
  /** Returns the optimal [row, column] pairs of a cost matrix (padded to a square internally). */
  export default function computeMunkres(costMatrix: number[][]): [number, number][];
}
