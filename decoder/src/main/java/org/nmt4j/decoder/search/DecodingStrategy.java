package org.nmt4j.decoder.search;

/**
 * How the next token is chosen from the logits, step by step, for a whole batch of rows.
 *
 * <p>Implementations are immutable and safe to share across threads; all working memory
 * belongs to one {@link #decode} call.
 */
public interface DecodingStrategy {
  /**
   * Decodes every row of the batch until it ends or reaches its maximum length.
   *
   * @param decoder the batch of decoder states, freshly seeded (no step taken yet); its rows
   *     are consumed (it may be compacted as rows finish)
   * @param request per-row limits and random streams; {@code request.rows()} must equal {@code
   *     decoder.rows()}
   * @return [rows] one hypothesis per row, in row order
   */
  Hypothesis[] decode(StepDecoder decoder, SearchRequest request);
}
