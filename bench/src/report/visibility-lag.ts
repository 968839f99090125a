/** One response of a report poll: when it arrived and how many payments the report counted. */
export interface ReportSample {
  /** Arrival time of the response, in milliseconds on the same clock as the acknowledgements. */
  at: number;
  count: number;
}

export interface VisibilityLags {
  /** Lag of each acknowledged payment in milliseconds, in acknowledgement order. */
  lags: number[];
  /** Acknowledged payments that no poll response arriving after their acknowledgement showed. */
  unseen: number;
}

/**
 * Computes how long after its acknowledgement each payment showed in the report. The report
 * counts payments, not ids, so the k-th acknowledged payment (counted from 1) shows at the first
 * poll response that arrived at or after its acknowledgement and counts at least k. A response
 * that arrived before the acknowledgement never counts, so no lag is negative. The result is an
 * upper bound, coarser than the truth by at most the poll interval plus one poll's latency.
 *
 * `acknowledgedAt` may come in any order. `samples` must be sorted by `at`, with counts that
 * never decrease, as sequential polls of a report that only grows return them.
 */
export function visibilityLags(acknowledgedAt: number[], samples: ReportSample[]): VisibilityLags {
  for (let index = 1; index < samples.length; index += 1) {
    const previous = samples[index - 1]!;
    const sample = samples[index]!;
    if (sample.at < previous.at)
      throw new Error(`report samples are not sorted by time at index ${index}`);
    if (sample.count < previous.count)
      throw new Error(
        `report count fell from ${previous.count} to ${sample.count} at index ${index}`,
      );
  }

  const acknowledgements = [...acknowledgedAt].sort((a, b) => a - b);
  const lags: number[] = [];
  let unseen = 0;
  let cursor = 0;
  for (const [index, acknowledged] of acknowledgements.entries()) {
    const rank = index + 1;

    // Acknowledgements and their ranks both grow, so the matching sample never moves back.
    while (
      cursor < samples.length &&
      (samples[cursor]!.at < acknowledged || samples[cursor]!.count < rank)
    ) {
      cursor += 1;
    }
    if (cursor === samples.length) unseen += 1;
    else lags.push(samples[cursor]!.at - acknowledged);
  }
  return { lags, unseen };
}
